// `npm start`: build the web app if needed, compile the server, then run it with plain Node
// (SQLite under ./data by default).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, serverNodeFlags } from './server-build.mjs';
import { ensureWebBuild } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureWebBuild();
const entry = await buildServer();
// glibc gives each thread that allocates its own malloc arena; the thread pool (disk flushes, crypto)
// and V8's helper threads then hold some 70 MB of mostly idle heap. Two arenas are plenty for one
// event loop (docs/performance.md). An operator's own setting wins.
const env = { MALLOC_ARENA_MAX: '2', ...process.env };
const server = spawn(process.execPath, [...serverNodeFlags(env), entry], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
