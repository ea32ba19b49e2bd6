import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/dialects';
import { agentFrom, createClient, createTestApp, inviteAndAccept, setupOrganization, signIn, type Agent, type TestApp } from '../../../test/support/test-app';
import { buildApp } from '../app';
import { verifyAuditChains } from '../modules/audit/audit-verify';
import type { ReadPool } from './read-pool';

/**
 * Audited reads answered by read worker threads: the same answers, errors and audit events as
 * the main thread gives, and what was just saved is what the next read sees.
 */
describe.each(testDialects())('read workers on %s', (dialect) => {
  let t: TestApp;
  let inline: Awaited<ReturnType<typeof buildApp>>;
  let clinician: Agent;
  let other: Agent;
  let sameOnInline: Agent;
  let workerRuns = 0;
  let serializedAnswers = 0;
  let clientId: string;
  let episodeId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, {}, { readWorkers: 2 });
    const pool = t.readPool as ReadPool;
    const run = pool.run.bind(pool);
    pool.run = async (...args) => {
      workerRuns += 1;
      const outcome = await run(...args);
      if (outcome.ok) serializedAnswers += 1;
      return outcome;
    };
    // The same database and clock, answering every read on the main thread.
    inline = await buildApp({ config: t.db.config, db: t.db.db, dialect, clock: t.clock, logger: false, webRoot: '/nonexistent' });
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'casey@test.example', 'clinician', 'Casey Clinician');
    other = await inviteAndAccept(t.app, admin, 'olu@test.example', 'clinician', 'Olu Other');
    sameOnInline = agentFrom(inline.app, await signIn(inline.app, 'casey@test.example'));
    clientId = (await createClient(clinician, { displayName: 'Worker Read' })).id;
    await createClient(clinician, { displayName: 'Another Client' });
    episodeId = (await clinician.post(`/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02', contractedSessions: 12 })).json().id;
  });
  afterAll(async () => {
    await inline?.app.close();
    await t?.close();
  });

  it('gives the same answers as the main thread for the client, the caseload, the episode list and the episode page, serialized on the worker', async () => {
    for (const url of [`/api/v1/clients/${clientId}`, '/api/v1/clients?status=active', `/api/v1/clients/${clientId}/episodes`, `/api/v1/episodes/${episodeId}`]) {
      const before = workerRuns;
      const serializedBefore = serializedAnswers;
      const fromWorker = await clinician.get(url);
      expect(workerRuns, url).toBe(before + 1);
      const fromMain = await sameOnInline.get(url);
      expect(workerRuns, url).toBe(before + 1);
      expect(fromWorker.statusCode, url).toBe(200);
      expect(serializedAnswers, url).toBe(serializedBefore + 1);
      // Byte for byte: the worker encodes with the route's own response schema.
      expect(fromWorker.body, url).toBe(fromMain.body);
      expect(fromWorker.headers['content-type'], url).toBe(fromMain.headers['content-type']);
      expect(fromWorker.headers.etag, url).toBe(fromMain.headers.etag);
    }
  });

  it('stores one read event per answer, on an intact chain, when many reads arrive at once', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => clinician.get(`/api/v1/episodes/${episodeId}`)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    const reads = await t.db.db.selectFrom('audit_event').select(['request_id', 'actor_id']).where('action', '=', 'read').where('entity_id', '=', episodeId).execute();
    expect(new Set(answers.map((a) => a.headers['x-request-id'])).size).toBe(30);
    for (const answer of answers) expect(reads.some((r) => r.request_id === answer.headers['x-request-id'])).toBe(true);
    expect(reads.every((r) => r.actor_id === clinician.userId)).toBe(true);
    expect((await verifyAuditChains(t.db.db)).breaks).toEqual([]);
  });

  it('refuses another counsellor\'s client as the main thread does, and audits the refusal', async () => {
    const fromWorker = await other.get(`/api/v1/clients/${clientId}`);
    const otherOnInline = agentFrom(inline.app, await signIn(inline.app, 'olu@test.example'));
    const fromMain = await otherOnInline.get(`/api/v1/clients/${clientId}`);
    expect(fromWorker.statusCode).toBe(404);
    expect(fromWorker.headers['content-type']).toContain('application/problem+json');
    expect({ ...fromWorker.json(), instance: null }).toEqual({ ...fromMain.json(), instance: null });
    const denials = await t.db.db.selectFrom('audit_event').select(['request_id']).where('action', '=', 'denied').where('entity_id', '=', clientId).execute();
    expect(denials.map((d) => d.request_id)).toContain(fromWorker.headers['x-request-id']);
    expect(fromWorker.body).not.toContain('Worker Read');
  });

  it('answers an unknown id with the same problem as the main thread', async () => {
    const missing = '01900000-0000-7000-8000-000000000000';
    const fromWorker = await clinician.get(`/api/v1/episodes/${missing}`);
    const fromMain = await sameOnInline.get(`/api/v1/episodes/${missing}`);
    expect(fromWorker.statusCode).toBe(fromMain.statusCode);
    expect({ ...fromWorker.json(), instance: null }).toEqual({ ...fromMain.json(), instance: null });
  });

  it('shows what was just saved on the very next read', async () => {
    for (let i = 0; i < 10; i += 1) {
      const current = (await clinician.get(`/api/v1/clients/${clientId}`)).json() as { version: number };
      const saved = await clinician.patch(`/api/v1/clients/${clientId}`, { preferredName: `Name ${i}` }, { 'if-match': `"${current.version}"` });
      expect(saved.statusCode).toBe(200);
      const read = (await clinician.get(`/api/v1/clients/${clientId}`)).json() as { version: number; preferredName: string };
      expect(read.preferredName).toBe(`Name ${i}`);
      expect(read.version).toBe(current.version + 1);
    }
  });

  it('reports a task name no worker knows instead of hanging', async () => {
    const ctx = { actor: null, session: null, requestId: 'r', sourceIp: null, clock: t.clock } as unknown as Parameters<ReadPool['run']>[1];
    const outcome = await (t.readPool as ReadPool).run('no.such.read', ctx, null);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(String((outcome.error as Error).message)).toContain('no audited read task named no.such.read');
  });
});
