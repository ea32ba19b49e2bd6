import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../support/test-app';

/**
 * Two devices editing the same record, and retried creates (security-reference §8 rows 42–43).
 * A fast-check model drives random sequences of reads, writes and simultaneous writes from two
 * devices (two signed-in sessions of the same clinician) against a client, a session note, a safety
 * plan and a problem-area workspace: a write with the version last read wins, a stale one gets 412
 * with the current version, a missing If-Match 428, and the record always holds the last accepted
 * write (0 lost updates). Creates with Idempotency-Key, sent retried, duplicated and at the same
 * time: one record per key, the same answer again for the same body, 422 for another body.
 */
interface Editable {
  name: string;
  url: string;
  method: 'PATCH' | 'PUT';
  body(value: string): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's JSON, read by one field per record kind
  valueOf(json: any): string | null | undefined;
}

const RUNS = Number(process.env.CONCURRENCY_RUNS ?? 8);
const versionOf = (response: LightMyRequestResponse) => Number(String(response.headers.etag ?? '').replace(/\D/g, ''));

describe.each(testDialects())('two devices and retried creates on %s', (dialect) => {
  let t: TestApp;
  let phone: Agent;
  let laptop: Agent;
  let editables: Editable[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    phone = await inviteAndAccept(t.app, admin, 'dee@test.example', 'clinician', 'Dee Clinician');
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.1.1.2', payload: { email: 'dee@test.example', password: 'staff password for tests 1' } });
    const { agentFrom } = await import('../support/test-app');
    laptop = agentFrom(t.app, again);
    const client = await createClient(phone, { displayName: 'Two Devices' });
    const episode = (await phone.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' })).json();
    const session = (await phone.post(`/api/v1/episodes/${episode.id}/sessions`, { startsAt: '2026-11-02T10:00:00.000Z' })).json();
    const workspace = await phone.post(`/api/v1/episodes/${episode.id}/workspaces`, { area: 'grief', person: 'A friend' });
    expect(workspace.statusCode, workspace.body).toBe(201);
    const firstPlan = await phone.request({ method: 'PUT', url: `/api/v1/clients/${client.id}/safety-plan`, payload: { plan: { warningSigns: ['first'] } }, headers: { 'if-match': '"0"' } });
    expect(firstPlan.statusCode, firstPlan.body).toBe(200);
    const task = await phone.post(`/api/v1/sessions/${session.id}/tasks`, { what: 'Call a friend' });
    expect(task.statusCode, task.body).toBe(201);
    editables = [
      { name: 'client', url: `/api/v1/clients/${client.id}`, method: 'PATCH', body: (v) => ({ preferredName: v }), valueOf: (j) => j.preferredName },
      { name: 'session note', url: `/api/v1/sessions/${session.id}`, method: 'PATCH', body: (v) => ({ note: { plan: v } }), valueOf: (j) => j.note.plan },
      { name: 'safety plan', url: `/api/v1/clients/${client.id}/safety-plan`, method: 'PUT', body: (v) => ({ plan: { warningSigns: [v] } }), valueOf: (j) => j.plan.warningSigns[0] },
      { name: 'task', url: `/api/v1/tasks/${task.json().id}`, method: 'PATCH', body: (v) => ({ what: v }), valueOf: (j) => j.what },
      { name: 'workspace', url: `/api/v1/workspaces/${workspace.json().id}`, method: 'PATCH', body: (v) => ({ summary: v }), valueOf: (j) => j.summary },
    ];
  }, 120_000);
  afterAll(async () => t.close());

  it('loses no update: the stale device gets 412 with the current version, a write without If-Match 428', async () => {
    const tally = { writes: 0, accepted: 0, stale: 0, races: 0, lost: 0 };
    for (const target of editables) {
      const missing = await phone.request({ method: target.method, url: target.url, payload: target.body('no precondition') as object });
      expect(missing.statusCode, `${target.name} without If-Match`).toBe(428);

      const command = fc.oneof(
        fc.record({ op: fc.constant('read' as const), device: fc.constantFrom(0, 1) }),
        fc.record({ op: fc.constant('write' as const), device: fc.constantFrom(0, 1) }),
        fc.record({ op: fc.constant('race' as const) }),
      );
      let counter = 0;
      await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 10 }), async (commands) => {
        const devices = [phone, laptop];
        const start = await phone.get(target.url);
        const known = [versionOf(start), versionOf(start)];
        let current = versionOf(start);
        let lastAccepted = target.valueOf(start.json());
        const write = async (device: number) => {
          const value = `${target.name} ${device} #${(counter += 1)}`;
          const response = await devices[device]!.request({ method: target.method, url: target.url, payload: target.body(value) as object, headers: { 'if-match': `"${known[device]}"` } });
          tally.writes += 1;
          return { response, value, sentVersion: known[device]! };
        };
        const settle = (device: number, result: { response: LightMyRequestResponse; value: string; sentVersion: number }, expectedWinner: boolean, before = current) => {
          const { response } = result;
          if (expectedWinner) {
            expect(response.statusCode, response.body).toBe(200);
            current = versionOf(response);
            known[device] = current;
            lastAccepted = result.value;
            tally.accepted += 1;
          } else {
            expect(response.statusCode, `${target.name}: ${response.body}`).toBe(412);
            // In a simultaneous pair the stale write may be answered before or after the winner commits.
            expect([before, current], `${target.name}: the 412 names the current version`).toContain(response.json().currentVersion);
            tally.stale += 1;
          }
        };
        for (const c of commands) {
          if (c.op === 'read') {
            const read = await devices[c.device]!.get(target.url);
            known[c.device] = versionOf(read);
            expect(known[c.device]).toBe(current);
          } else if (c.op === 'write') {
            const result = await write(c.device);
            settle(c.device, result, result.sentVersion === current);
          } else {
            tally.races += 1;
            const versionBefore = current;
            const [a, b] = await Promise.all([write(0), write(1)]);
            const winners = [a, b].filter((r) => r.response.statusCode === 200);
            const freshCount = [a, b].filter((r) => r.sentVersion === current).length;
            // Of the writes based on the current version exactly one wins; the rest are stale.
            expect(winners.length, `${target.name}: ${a.response.statusCode} ${b.response.statusCode}`).toBe(Math.min(1, freshCount));
            const winner = winners[0];
            if (winner) {
              const device = winner === a ? 0 : 1;
              settle(device, winner, true);
              const loser = winner === a ? b : a;
              settle(1 - device, loser, false, versionBefore);
            } else {
              settle(0, a, false, versionBefore);
              settle(1, b, false, versionBefore);
            }
          }
          const stored = await phone.get(target.url);
          if (target.valueOf(stored.json()) !== lastAccepted) tally.lost += 1;
          expect(target.valueOf(stored.json())).toBe(lastAccepted);
          expect(versionOf(stored)).toBe(current);
        }
      }), { numRuns: RUNS, seed: 424242 });
    }
    console.log(`two devices on ${dialect}: ${tally.writes} writes, ${tally.accepted} accepted, ${tally.stale} answered 412, ${tally.races} simultaneous pairs, ${tally.lost} lost updates`);
    expect(tally.lost).toBe(0);
    expect(tally.races).toBeGreaterThan(0);
    expect(tally.stale).toBeGreaterThan(0);
  }, 300_000);

  it('creates one record per Idempotency-Key under retries, duplicates and simultaneous sends; another body with the key is 422', async () => {
    const tally = { requests: 0, created: 0, replayed: 0, mismatched: 0 };
    let run = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), body: fc.constantFrom(0, 1) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }),
      async (batches) => {
        run += 1;
        const prefix = `idem-${dialect}-${run}`;
        const winners = new Map<string, { id: string; body: number }>();
        for (const batch of batches) {
          const responses = await Promise.all(batch.map((c) => phone.post('/api/v1/clients', { displayName: `${prefix} ${c.body}`, dateOfBirth: '1990-01-01' }, { 'idempotency-key': `${prefix}-${c.key}` })));
          // Settle the batch: the first successful answer per key is the winner.
          responses.forEach((response, i) => {
            tally.requests += 1;
            const c = batch[i]!;
            expect(response.statusCode, response.body).toBeLessThan(500);
            if (response.statusCode === 201 || response.statusCode === 200) {
              const winner = winners.get(c.key);
              if (!winner) winners.set(c.key, { id: response.json().id, body: c.body });
              else {
                expect(response.json().id).toBe(winner.id);
                expect(c.body).toBe(winner.body);
              }
            }
          });
          responses.forEach((response, i) => {
            const c = batch[i]!;
            const winner = winners.get(c.key);
            if (response.statusCode === 422) {
              tally.mismatched += 1;
              expect(winner && winner.body !== c.body, response.body).toBe(true);
            } else if (winner && winner.body !== c.body) {
              throw new Error(`key ${c.key} with another body answered ${response.statusCode}`);
            }
          });
        }
        const rows = await t.db.db.selectFrom('client').select(['id', 'display_name']).where('display_name', 'like', `${prefix} %`).execute();
        tally.created += rows.length;
        expect(rows.map((r) => r.id).sort()).toEqual([...winners.values()].map((w) => w.id).sort());
        tally.replayed += batches.flat().length - rows.length;
      },
    ), { numRuns: RUNS * 2, seed: 777 });
    console.log(`idempotent creates on ${dialect}: ${tally.requests} requests, ${tally.created} records, ${tally.mismatched} answered 422, 0 duplicates`);
    expect(tally.mismatched).toBeGreaterThan(0);
  }, 300_000);
  it('starts a new safety plan once when two devices save the first version at the same moment', async () => {
    for (let round = 0; round < 5; round += 1) {
      const client = await createClient(phone, { displayName: `First Plan ${round}` });
      const url = `/api/v1/clients/${client.id}/safety-plan`;
      const [a, b] = await Promise.all([
        phone.request({ method: 'PUT', url, payload: { plan: { warningSigns: ['from the phone'] } }, headers: { 'if-match': '"0"' } }),
        laptop.request({ method: 'PUT', url, payload: { plan: { warningSigns: ['from the laptop'] } }, headers: { 'if-match': '"0"' } }),
      ]);
      const statuses = [a.statusCode, b.statusCode].sort();
      expect(statuses, `${a.body} / ${b.body}`).toEqual([200, 412]);
      const winner = a.statusCode === 200 ? a : b;
      const loser = a.statusCode === 200 ? b : a;
      expect(loser.json().currentVersion).toBe(versionOf(winner));
      const history = (await phone.get(`${url}/history`)).json().items;
      expect(history).toHaveLength(1);
      expect(history[0].plan.warningSigns).toEqual(winner.json().plan.warningSigns);
    }
  }, 120_000);
});
