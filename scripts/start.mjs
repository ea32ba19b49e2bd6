// `npm start`: build the web app if needed, compile the server, then run it with plain Node
// (SQLite under ./data by default).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, serverLaunch } from './server-build.mjs';
import { ensureWebBuild } from './web-build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureWebBuild();
const entry = await buildServer();
const launch = serverLaunch();
const server = spawn(process.execPath, [...launch.flags, entry], { cwd: root, stdio: 'inherit', env: launch.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
