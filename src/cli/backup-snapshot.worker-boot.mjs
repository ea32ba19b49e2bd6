// Starts a backup worker thread: the worker is TypeScript like the rest of the CLI, so the same
// loader (tsx) is registered in the thread before the worker module is imported.
import { register } from 'tsx/esm/api';

register();
await import('./backup-snapshot.worker.ts');
