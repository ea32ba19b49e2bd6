import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { buildServer } from '../../scripts/server-build.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `npm start` runs the compiled bundle with plain Node: it must boot and serve like the TypeScript sources. */
describe('the compiled server (what npm start runs)', () => {
  let child: ChildProcess;
  let url: string;
  let output = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-compiled-'));

  beforeAll(async () => {
    const entry: string = await buildServer({ outfile: 'dist/server-check/main.mjs' });
    child = spawn(process.execPath, [entry], { cwd: ROOT, env: { ...process.env, IPT_DATA_DIR: dataDir, IPT_HOST: '127.0.0.1', IPT_PORT: '0', IPT_LOG_LEVEL: 'warn', NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start in 30 s:\n${output}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
  }, 60_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('does not go through a TypeScript loader', () => {
    expect(child.spawnargs.join(' ')).not.toMatch(/tsx/);
  });

  it('migrates, answers readiness and the API, and signs the first administrator in', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const setup = await fetch(`${url}/api/v1/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organizationName: 'Compiled Clinic', adminName: 'Ada Admin', adminEmail: 'ada@compiled.example', adminPassword: 'a long enough passphrase for setup 42' }),
    });
    expect(setup.status, await setup.clone().text()).toBe(201);
    const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await fetch(`${url}/api/v1/auth/session`, { headers: { cookie } });
    expect(me.status).toBe(200);
    const bad = await fetch(`${url}/api/v1/clients/not-an-id`, { headers: { cookie } });
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  it('runs its background checkpoints from the bundle without an error', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(output).not.toMatch(/checkpoint/i);
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
