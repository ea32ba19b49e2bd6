// Starts an audit-verify worker thread: the worker is TypeScript like the rest of the app, so the
// same loader (tsx) is registered in the thread before the worker module is imported.
import { register } from 'tsx/esm/api';

register();
await import('./audit-verify.worker.ts');
