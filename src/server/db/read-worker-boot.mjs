// Starts a read worker when the server runs as TypeScript (development, tests): the same loader
// (tsx) is registered in the thread before the worker module is imported. The compiled server
// starts dist/server/read-worker.mjs instead (scripts/server-build.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./read-worker.ts');
