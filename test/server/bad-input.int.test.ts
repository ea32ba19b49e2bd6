import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/dialects';
import { createClient, createTestApp, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../support/test-app';
import { expectProblem, fieldsOf } from './helpers';

/**
 * Bad input on the routes that take the most of it: every refusal is a 4xx problem+json that names
 * what is wrong, never a 500, and nothing stored changes (security-reference §8 rows 23–24).
 */
interface Target {
  name: string;
  valid: Record<string, unknown>;
  /** Sends a raw body (a string is sent as is, anything else as JSON). */
  send(payload: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A string field with its maximum length. */
  longField: [string, number];
  /** Required fields: a wrong type there must be named. */
  typed: string[];
}

describe.each(testDialects())('bad input on %s', (dialect) => {
  let t: TestApp;
  let clinician: Agent;
  let targets: Target[];
  let clientId: string;
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  const raw = (payload: unknown) => (typeof payload === 'string' ? payload : JSON.stringify(payload));
  async function storedState() {
    const db = t.db.db;
    return {
      clients: await db.selectFrom('client').select(['id', 'version', 'display_name', 'date_of_birth', 'pronouns']).orderBy('id').execute(),
      users: await db.selectFrom('app_user').select(['id', 'version']).orderBy('id').execute(),
      organizations: await db.selectFrom('organization').select(['id', 'version']).orderBy('id').execute(),
      sessions: (await db.selectFrom('auth_session').select('id').execute()).length,
    };
  }
  let before: Awaited<ReturnType<typeof storedState>>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const admin = await setupOrganization(t.app);
    clinician = await inviteAndAccept(t.app, admin, 'bea@test.example', 'clinician', 'Bea Clinician');
    clientId = (await createClient(clinician, { displayName: 'Stable Person' })).id;
    await createClient(clinician, { displayName: 'Another Stable Person' });
    const anonymous = (method: 'POST', url: string) => (payload: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({ method, url, payload: raw(payload), headers: { 'content-type': 'application/json', ...headers } });
    targets = [
      {
        name: 'POST /api/v1/clients', valid: { displayName: 'New Person', dateOfBirth: '1990-01-01' }, longField: ['displayName', 200], typed: ['displayName', 'dateOfBirth'],
        send: (payload, headers = {}) => clinician.request({ method: 'POST', url: '/api/v1/clients', payload: raw(payload), headers: { 'content-type': 'application/json', ...headers } }),
      },
      {
        name: 'PATCH /api/v1/clients/:id', valid: { pronouns: 'they/them', displayName: 'Renamed Person' }, longField: ['displayName', 200], typed: ['pronouns', 'displayName'],
        send: (payload, headers = {}) => clinician.request({ method: 'PATCH', url: `/api/v1/clients/${clientId}`, payload: raw(payload), headers: { 'content-type': 'application/json', 'if-match': '"1"', ...headers } }),
      },
      { name: 'POST /api/v1/auth/login', valid: { email: 'nobody@test.example', password: 'whatever it is 1' }, longField: ['password', 256], typed: ['email', 'password'], send: anonymous('POST', '/api/v1/auth/login') },
      {
        name: 'POST /api/v1/setup', valid: { organizationName: 'Second', adminName: 'Sec Admin', adminEmail: 'sec@test.example', adminPassword: 'a long enough passphrase 1' },
        longField: ['organizationName', 200], typed: ['organizationName', 'adminName', 'adminEmail', 'adminPassword'], send: anonymous('POST', '/api/v1/setup'),
      },
    ];
    before = await storedState();
  });
  afterAll(async () => t.close());

  it('answers malformed JSON, an empty body and non-object JSON with 400', async () => {
    for (const target of targets) {
      for (const payload of ['{bad', '{"displayName": "x",}', '{"a":1}}', '\u0000', '', 'null', '[]', '"text"', '42', 'true']) {
        const response = await target.send(payload);
        expectProblem(response, 400);
        expect(fieldsOf(response), `${target.name} ${JSON.stringify(payload)}`).toEqual(['body']);
      }
    }
  });

  it('names the field that has the wrong type', async () => {
    for (const target of targets) {
      for (const field of target.typed) {
        for (const wrong of [42, true, ['x'], { nested: 'x' }]) {
          const response = await target.send({ ...target.valid, [field]: wrong });
          expectProblem(response, 400);
          expect(fieldsOf(response), `${target.name} ${field}=${JSON.stringify(wrong)}`).toContain(field);
        }
      }
    }
  });

  it('names an unknown field, including fields the server sets itself (mass assignment)', async () => {
    for (const target of targets) {
      for (const extra of ['role', 'organizationId', 'clinician_id', 'version', 'status', 'id', 'isAdmin']) {
        const response = await target.send({ ...target.valid, [extra]: 'x' });
        expectProblem(response, 400);
        expect(fieldsOf(response), `${target.name} +${extra}`).toContain(extra);
      }
    }
  });

  it('answers a body over 1 MiB with 413', async () => {
    for (const target of targets) {
      const [field] = target.longField;
      const response = await target.send(JSON.stringify({ ...target.valid, [field]: 'x'.repeat(1024 * 1024) }));
      expectProblem(response, 413);
    }
  });

  it('refuses __proto__ and constructor.prototype keys with 400, says why, and leaves Object.prototype alone', async () => {
    for (const target of targets) {
      for (const payload of ['{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', `{"displayName":"a","nested":{"__proto__":{"polluted":true}}}`]) {
        const response = await target.send(payload);
        const body = expectProblem(response, 400);
        expect(body.detail, `${target.name} ${payload}`).toMatch(/__proto__|constructor|forbidden/i);
      }
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names an over-long string field', async () => {
    for (const target of targets) {
      const [field, max] = target.longField;
      const response = await target.send({ ...target.valid, [field]: 'y'.repeat(max + 1) });
      expectProblem(response, 400);
      expect(fieldsOf(response), target.name).toEqual([field]);
    }
    const tooLongEmail = await targets[2]!.send({ email: `${'e'.repeat(250)}@test.example`, password: 'whatever it is 1' });
    expect(fieldsOf(tooLongEmail)).toEqual(['email']);
  });

  it('refuses dates that do not exist or are not dates, naming dateOfBirth', async () => {
    for (const target of targets.slice(0, 2)) {
      for (const date of ['2023-02-30', '2023-13-01', 'yesterday', '2023-02-29', '2023-2-3', '2023-02-03T00:00:00Z', '', 20230203]) {
        const response = await target.send({ ...target.valid, dateOfBirth: date });
        expectProblem(response, 400);
        expect([...new Set(fieldsOf(response))], `${target.name} ${JSON.stringify(date)}`).toEqual(['dateOfBirth']);
      }
    }
  });

  it('answers a body that is not JSON with 415', async () => {
    for (const target of targets) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
        const response = await target.send('displayName=x&dateOfBirth=1990-01-01', { 'content-type': type });
        expect(response.statusCode, `${target.name} as ${type}: ${response.body}`).toBe(415);
        expectProblem(response, 415);
      }
    }
  });

  it('answers an id that is not a UUID, and an unreadable If-Match, with 400 naming them', async () => {
    for (const id of ['not-a-uuid', '123', "1'%20or%20'1'='1", '00000000-0000-0000-0000-00000000000g']) {
      for (const method of ['GET', 'PATCH'] as const) {
        const response = await clinician.request({ method, url: `/api/v1/clients/${id}`, payload: method === 'PATCH' ? { pronouns: 'x' } : undefined, headers: { 'if-match': '"1"' } });
        expectProblem(response, 400);
        expect(fieldsOf(response), `${method} ${id}`).toEqual(['params.id']);
      }
    }
    const badMatch = await targets[1]!.send({ pronouns: 'x' }, { 'if-match': 'yesterday' });
    expectProblem(badMatch, 400);
    expect(fieldsOf(badMatch)).toEqual(['If-Match']);
  });

  it('never answers arbitrary JSON with a 5xx or a success (fast-check)', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: targets.length - 1 }), fc.jsonValue(), async (index, value) => {
      const response = await targets[index]!.send(JSON.stringify(value) ?? 'null');
      expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
      expectProblem(response, response.statusCode);
    }), { numRuns: 200 });
  });

  it('names the field whenever a valid body has one field of the wrong type (fast-check)', async () => {
    const wrongValue = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }));
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: targets.length - 1 }), fc.nat(), wrongValue, async (index, pick, value) => {
      const target = targets[index]!;
      const field = target.typed[pick % target.typed.length]!;
      const response = await target.send({ ...target.valid, [field]: value });
      expectProblem(response, 400);
      expect(fieldsOf(response)).toContain(field);
    }), { numRuns: 150 });
  });

  it('stored nothing and changed nothing through all of the above', async () => {
    expect(await storedState()).toEqual(before);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });

  it('fails a write whose audit event cannot be stored: a 500 that says nothing of the internals, and nothing committed', async () => {
    await sql`alter table audit_event rename to audit_event_gone`.execute(t.db.db);
    try {
      const response = await targets[0]!.send(targets[0]!.valid);
      const body = expectProblem(response, 500);
      expect(body.detail).toBe('The server could not complete this request.');
      expect(response.body).not.toMatch(/audit_event|relation|no such table|insert/i);
    } finally {
      await sql`alter table audit_event_gone rename to audit_event`.execute(t.db.db);
    }
    expect(await storedState()).toEqual(before);
    expect((await targets[0]!.send(targets[0]!.valid)).statusCode).toBe(201);
  });
});
