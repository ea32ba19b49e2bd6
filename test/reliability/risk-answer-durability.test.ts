import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/** A free loopback port. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, IPT_DATA_DIR: dataDir, IPT_PORT: String(port), IPT_HOST: '127.0.0.1', IPT_LOG_LEVEL: 'silent' }, stdio: 'ignore',
  });
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not become ready');
}

describe('a risk answer survives the server being killed right after answering', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-durable-'));
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the answer and its flag after SIGKILL and restart', async () => {
    const port = await freePort();
    server = await startServer(dataDir, port);
    const base = `http://127.0.0.1:${port}`;
    let cookie = '';
    let csrf = '';
    const call = async (method: string, url: string, body?: unknown) => {
      const response = await fetch(base + url, {
        method, headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const setCookie = response.headers.get('set-cookie');
      if (setCookie) cookie = setCookie.split(';')[0]!;
      const json = response.status === 204 ? null : await response.json();
      if (json && typeof json === 'object' && 'csrfToken' in json) csrf = String(json.csrfToken);
      return { status: response.status, json };
    };
    await call('POST', '/api/v1/setup', { organizationName: 'Durable Clinic', adminName: 'Ada Admin', adminEmail: 'ada@durable.example', adminPassword: 'durable admin passphrase' });
    const invite = await call('POST', '/api/v1/invitations', { email: 'cal@durable.example', role: 'clinician' });
    cookie = '';
    await call('POST', '/api/v1/invitations/accept', { token: String(invite.json.link).split('#token=')[1], name: 'Cal Clinician', password: 'durable clinician passphrase' });
    const client = await call('POST', '/api/v1/clients', { displayName: 'Durable Client', dateOfBirth: '1985-01-01' });
    const episode = await call('POST', `/api/v1/clients/${client.json.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-01-05' });
    const session = await call('POST', `/api/v1/episodes/${episode.json.id}/sessions`, { startsAt: '2026-01-05T10:00:00.000Z' });
    const answers = { 1: 2, 2: 2, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 0, 9: 2 };
    const measure = await call('POST', `/api/v1/sessions/${session.json.id}/measures`, { instrumentId: 'phq-9', answers });
    // Killed the moment the answer was acknowledged: no graceful shutdown, no checkpoint.
    server.kill('SIGKILL');
    await new Promise((r) => server!.once('exit', r));
    expect(measure.status).toBe(201);
    const responseId = measure.json.measure.id as string;

    server = await startServer(dataDir, port);
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
    const db = new BetterSqlite3(path.join(dataDir, 'ipt.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = db.prepare('select answers_json from questionnaire_response where id = ?').get(responseId) as { answers_json: string } | undefined;
      expect(JSON.parse(stored!.answers_json)).toEqual(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v])));
      const flags = db.prepare("select level, status from risk_flag where source_id = ?").all(responseId) as Array<{ level: string; status: string }>;
      expect(flags).toEqual([{ level: 'high', status: 'open' }]);
    } finally {
      db.close();
    }
  }, 60_000);
});
