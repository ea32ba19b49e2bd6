import { expect } from 'vitest';
import type { Role } from '../../src/domain/access/policy';
import { ADMIN_PASSWORD, STAFF_PASSWORD, agentFrom, createClient, inviteAndAccept, setupOrganization, type Agent, type TestApp } from '../support/test-app';
import { insertTestOrganization, insertTestUser, signInFrom } from './helpers';

/**
 * The world the access matrix walks: two organizations; in the first an administrator, a supervisor
 * of one clinician, that clinician, an unsupervised clinician and a portal (client-role) user; in the
 * second a clinician with records of their own. For every kind of id a route can take, one record
 * of each kind per owner, so each route is tried on an own, another clinician's, another
 * organization's and a made-up id.
 */
export const SIGNED_IN_ROLES = ['admin', 'supervisor', 'clinician', 'client'] as const satisfies readonly Role[];
export type SignedInRole = (typeof SIGNED_IN_ROLES)[number];

export const RANDOM_ID = '01900000-0000-7000-8000-00000000abcd';

/** Ids whose access follows the client record they belong to. */
export const CLIENT_KINDS = ['client', 'episode', 'session', 'medication', 'process-note', 'inventory-person', 'timeline-event', 'workspace', 'worksheet', 'task', 'risk-flag', 'consent'] as const;
/** Ids that belong to the organization as a whole (administration). */
export const ORGANIZATION_KINDS = ['user', 'invitation', 'assignment'] as const;
export type Kind = (typeof CLIENT_KINDS)[number] | (typeof ORGANIZATION_KINDS)[number] | 'instrument';
export type Variant = 'random' | 'own' | 'other-clinician' | 'other-organization' | 'mixed';

/** One record the matrix points a route at, with what the access rules need to know about it. */
export interface Target {
  id: string;
  organizationId: string;
  clientId?: string;
  /** Private process notes are visible to their author only. */
  authorId?: string;
}

/** The kind of each `:param` of a route, by its name and the segment before it; undefined when unknown. */
export function paramKinds(url: string): Array<Kind | undefined> {
  const segments = url.split('/');
  const kinds: Array<Kind | undefined> = [];
  segments.forEach((segment, i) => {
    if (!segment.startsWith(':')) return;
    const name = segment.slice(1);
    const before = segments[i - 1] ?? '';
    const byName: Record<string, Kind> = { clientId: 'client', medicationId: 'medication', noteId: 'process-note', personId: 'inventory-person', eventId: 'timeline-event', sessionId: 'session' };
    const byCollection: Record<string, Kind> = {
      clients: 'client', users: 'user', invitations: 'invitation', 'supervision-assignments': 'assignment', instruments: 'instrument', Questionnaire: 'instrument',
      episodes: 'episode', sessions: 'session', workspaces: 'workspace', worksheets: 'worksheet', tasks: 'task', 'risk-flags': 'risk-flag', 'disclosure-consents': 'consent',
    };
    kinds.push(byName[name] ?? (name === 'id' ? byCollection[before] : undefined));
  });
  return kinds;
}

/** The variants a route is tried with: all owners for client records, own and foreign for the rest. */
export function variantsFor(kinds: Array<Kind | undefined>): Variant[] {
  if (kinds.length === 0) return [];
  if (kinds.some((k) => k === undefined)) return ['random'];
  if (kinds.includes('instrument')) return ['random', 'own'];
  if (kinds.every((k) => (CLIENT_KINDS as readonly string[]).includes(k!))) {
    return ['random', 'own', 'other-clinician', 'other-organization', ...(kinds.length > 1 ? ['mixed' as const] : [])];
  }
  return ['random', 'own', 'other-organization'];
}

export interface AccessFixture {
  agents: Record<SignedInRole, Agent>;
  emails: Record<SignedInRole, string>;
  targets: Partial<Record<Kind, Partial<Record<Exclude<Variant, 'mixed'>, Target>>>>;
  /** A minimal valid body per state-changing route (`undefined` where the route takes none). */
  bodies: Record<string, unknown>;
  signInAgain(role: SignedInRole): Promise<void>;
}

/** The target for one param in one variant; `mixed` puts another clinician's child under an own parent. */
export function targetFor(fixture: AccessFixture, kind: Kind | undefined, variant: Variant, isLast: boolean): Target | undefined {
  if (variant === 'random' || kind === undefined) return undefined;
  const chosen = variant === 'mixed' ? (isLast ? 'other-clinician' : 'own') : variant;
  return fixture.targets[kind]?.[chosen];
}

export async function buildAccessFixture(t: TestApp): Promise<AccessFixture> {
  const db = t.db.db;
  const emails = { admin: 'admin@test.example', supervisor: 'sol@test.example', clinician: 'amy@test.example', client: 'cli@test.example' };
  const admin = await setupOrganization(t.app);
  const amy = await inviteAndAccept(t.app, admin, emails.clinician, 'clinician', 'Amy Own');
  const ben = await inviteAndAccept(t.app, admin, 'ben@test.example', 'clinician', 'Ben Other');
  const sol = await inviteAndAccept(t.app, admin, emails.supervisor, 'supervisor', 'Sol Supervisor');
  const spare = await inviteAndAccept(t.app, admin, 'spare@test.example', 'supervisor', 'Spare Supervisor');
  expect((await admin.post('/api/v1/supervision-assignments', { supervisorId: sol.userId, clinicianId: amy.userId })).statusCode).toBe(201);
  const ownAssignment = await admin.post('/api/v1/supervision-assignments', { supervisorId: spare.userId, clinicianId: amy.userId });
  await insertTestUser(db, t.clock, admin.organizationId, { email: emails.client, name: 'Cli Portal', role: 'client', password: STAFF_PASSWORD });
  const portal = agentFrom(t.app, await signInFrom(t.app, emails.client, STAFF_PASSWORD));
  const ownInvitation = await admin.post('/api/v1/invitations', { email: 'pending@test.example', role: 'clinician' });

  // A second organization, made directly (set-up only runs on an empty installation).
  const org2 = await insertTestOrganization(db, t.clock, 'Elsewhere Clinic');
  await insertTestUser(db, t.clock, org2, { email: 'admin2@elsewhere.example', name: 'Admin Elsewhere', role: 'admin', password: ADMIN_PASSWORD });
  await insertTestUser(db, t.clock, org2, { email: 'cleo@elsewhere.example', name: 'Cleo Elsewhere', role: 'clinician', password: STAFF_PASSWORD });
  const supervisor2 = await insertTestUser(db, t.clock, org2, { email: 'sup2@elsewhere.example', name: 'Sup Elsewhere', role: 'supervisor', password: STAFF_PASSWORD });
  const admin2 = agentFrom(t.app, await signInFrom(t.app, 'admin2@elsewhere.example', ADMIN_PASSWORD));
  const cleo = agentFrom(t.app, await signInFrom(t.app, 'cleo@elsewhere.example', STAFF_PASSWORD));
  const foreignAssignment = await admin2.post('/api/v1/supervision-assignments', { supervisorId: supervisor2, clinicianId: cleo.userId });
  const foreignInvitation = await admin2.post('/api/v1/invitations', { email: 'pending2@elsewhere.example', role: 'clinician' });

  /** A client with an episode, a medication, a session and a private process note, all by its clinician. */
  async function caseOf(owner: Agent, name: string) {
    const created = async (response: Promise<{ statusCode: number; body: string; json(): { id: string } }>, what: string) => {
      const r = await response;
      if (r.statusCode !== 201) throw new Error(`fixture: ${what} failed ${r.statusCode} ${r.body}`);
      return r.json();
    };
    const client = await createClient(owner, { displayName: name });
    const episode = await created(owner.post(`/api/v1/clients/${client.id}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-11-02' }), 'episode');
    const withMedication = await created(owner.post(`/api/v1/episodes/${episode.id}/medications`, { name: 'Sertraline' }), 'medication') as unknown as { medications: Array<{ id: string }> };
    const session = await created(owner.post(`/api/v1/episodes/${episode.id}/sessions`, { startsAt: '2026-11-02T10:00:00.000Z' }), 'session');
    const note = await created(owner.post(`/api/v1/sessions/${session.id}/process-notes`, { text: 'Private reflections' }), 'process note');
    const person = await created(owner.post(`/api/v1/episodes/${episode.id}/inventory`, { label: 'Matrix Person', relationshipType: 'friend' }), 'inventory person');
    const event = await created(owner.post(`/api/v1/episodes/${episode.id}/timeline/events`, { date: '2026-10-01', title: 'Matrix event', kind: 'other' }), 'timeline event');
    const workspace = await created(owner.post(`/api/v1/episodes/${episode.id}/workspaces`, { area: 'role-dispute', otherParty: 'Matrix', stage: 'impasse' }), 'workspace');
    const worksheet = await created(owner.post(`/api/v1/sessions/${session.id}/worksheets`, { kind: 'interval-review', payload: { mood: 5 } }), 'worksheet');
    const task = await created(owner.post(`/api/v1/sessions/${session.id}/tasks`, { what: 'Matrix task' }), 'task');
    const flag = await created(owner.post(`/api/v1/clients/${client.id}/risk-flags`, { level: 'low', reason: 'Matrix concern' }), 'risk flag');
    const consent = await created(owner.post(`/api/v1/clients/${client.id}/disclosure-consents`, { recipientKind: 'referrer', recipientName: 'Matrix Referrer', documents: ['symptom-chart'], givenOn: '2026-11-02' }), 'consent');
    const base = { organizationId: owner.organizationId, clientId: client.id };
    return {
      client: { id: client.id, ...base }, episode: { id: episode.id, ...base }, medication: { id: withMedication.medications[0]!.id, ...base },
      session: { id: session.id, ...base }, 'process-note': { id: note.id, ...base, authorId: owner.userId },
      'inventory-person': { id: person.id, ...base }, 'timeline-event': { id: event.id, ...base },
      workspace: { id: workspace.id, ...base }, worksheet: { id: worksheet.id, ...base }, task: { id: task.id, ...base }, 'risk-flag': { id: flag.id, ...base },
      consent: { id: consent.id, ...base },
    };
  }
  const cases = { own: await caseOf(amy, 'Own Client'), 'other-clinician': await caseOf(ben, 'Other Client'), 'other-organization': await caseOf(cleo, 'Foreign Client') };
  const targets: AccessFixture['targets'] = {
    user: { own: { id: amy.userId, organizationId: admin.organizationId }, 'other-organization': { id: cleo.userId, organizationId: org2 } },
    invitation: { own: { id: ownInvitation.json().id, organizationId: admin.organizationId }, 'other-organization': { id: foreignInvitation.json().id, organizationId: org2 } },
    assignment: { own: { id: ownAssignment.json().id, organizationId: admin.organizationId }, 'other-organization': { id: foreignAssignment.json().id, organizationId: org2 } },
    instrument: { own: { id: 'phq-9', organizationId: admin.organizationId } },
  };
  for (const kind of CLIENT_KINDS) {
    targets[kind] = { own: cases.own[kind], 'other-clinician': cases['other-clinician'][kind], 'other-organization': cases['other-organization'][kind] };
  }

  const password = 'matrix passphrase 123';
  const bodies: Record<string, unknown> = {
    'POST /api/v1/setup': { organizationName: 'Matrix', adminName: 'Matrix Admin', adminEmail: 'matrix-setup@test.example', adminPassword: password },
    'POST /api/v1/auth/login': { email: 'matrix-nobody@test.example', password },
    'POST /api/v1/invitations/lookup': { token: 'm'.repeat(43) },
    'POST /api/v1/invitations/accept': { token: 'm'.repeat(43), name: 'Matrix Person', password },
    'POST /api/v1/password-resets/complete': { token: 'm'.repeat(43), password },
    'POST /api/v1/auth/mfa/totp/confirm': { code: '000000' },
    'POST /api/v1/auth/mfa/totp/disable': { password: 'not the password at all' },
    'PATCH /api/v1/users/:id': { name: 'Matrix Rename' },
    'POST /api/v1/users/:id/reset-link': undefined,
    'POST /api/v1/instruments/:id/score': { answers: { 1: 0 } },
    'POST /api/v1/invitations': { email: 'matrix-invitee@test.example', role: 'clinician' },
    'POST /api/v1/supervision-assignments': { supervisorId: spare.userId, clinicianId: ben.userId },
    'PATCH /api/v1/organization': { name: 'Matrix Clinic' },
    'POST /api/v1/clients': { displayName: 'Matrix Person', dateOfBirth: '1990-01-01' },
    'PATCH /api/v1/clients/:id': { pronouns: 'they/them' },
    'POST /api/v1/clients/:id/archive': { reason: 'matrix' },
    'POST /api/v1/clients/:id/transfer': { clinicianId: ben.userId, reason: 'matrix' },
    'POST /api/v1/clients/:id/break-glass': { reason: 'matrix check' },
    'POST /api/v1/clients/:clientId/episodes': { protocolId: 'ipt-acute', startDate: '2026-11-02' },
    'PATCH /api/v1/episodes/:id': { schedule: 'fortnightly' },
    'POST /api/v1/episodes/:id/phase-changes': { targetPhase: 'middle', reason: 'matrix' },
    'POST /api/v1/episodes/:id/end': { status: 'ended', endReason: 'completed' },
    'POST /api/v1/episodes/:id/medications': { name: 'Matrix Medication' },
    'PATCH /api/v1/episodes/:id/medications/:medicationId': { dose: '50 mg' },
    'POST /api/v1/episodes/:id/sessions': { startsAt: '2026-11-09T10:00:00.000Z' },
    'PATCH /api/v1/sessions/:id': { mode: 'video' },
    'POST /api/v1/sessions/:id/sign': undefined,
    'POST /api/v1/sessions/:id/addenda': { text: 'Matrix addendum' },
    'POST /api/v1/sessions/:id/measures': { instrumentId: 'phq-9', answers: { 1: 0 } },
    'POST /api/v1/sessions/:id/process-notes': { text: 'Matrix note' },
    'PATCH /api/v1/sessions/:id/process-notes/:noteId': { text: 'Matrix edit' },
    'POST /api/v1/episodes/:id/inventory': { label: 'Matrix Person', relationshipType: 'friend' },
    'PATCH /api/v1/episodes/:id/inventory/:personId': { goodThings: 'Matrix' },
    'POST /api/v1/episodes/:id/inventory/:personId/archive': { reason: 'matrix' },
    'POST /api/v1/episodes/:id/closeness-circles': { takenOn: '2026-11-03', label: 'intake', rings: 3, placements: [] },
    'POST /api/v1/episodes/:id/timeline/events': { date: '2026-10-01', title: 'Matrix event', kind: 'other' },
    'PATCH /api/v1/episodes/:id/timeline/events/:eventId': { mood: 3 },
    'POST /api/v1/episodes/:id/timeline/events/:eventId/archive': { reason: 'matrix' },
    'PUT /api/v1/episodes/:id/onset': { onsetDate: '2026-10-01' },
    'PUT /api/v1/episodes/:id/diagnosis': {
      symptoms: Object.fromEntries(['depressedMood', 'anhedonia', 'appetiteWeight', 'sleep', 'psychomotor', 'fatigue', 'worthlessnessGuilt', 'concentration', 'thoughtsOfDeath'].map((k) => [k, { present: 'unknown' }])),
      durationTwoWeeks: 'unknown', impairment: { present: 'unknown' }, confirmed: false,
      exclusions: { substanceOrMedicalCause: 'unknown', maniaOrHypomaniaHistory: 'unknown', betterExplainedByOtherDisorder: 'unknown' },
    },
    'PUT /api/v1/episodes/:id/psychoeducation': { coveredOn: null, topics: [], sickRole: { status: 'not-yet' } },
    'PUT /api/v1/episodes/:id/formulation': { areas: [{ area: 'role-transition', change: 'moving' }] },
    'POST /api/v1/episodes/:id/formulation/agree': undefined,
    'POST /api/v1/episodes/:id/workspaces': { area: 'grief' },
    'PATCH /api/v1/workspaces/:id': { goals: ['Matrix goal'] },
    'POST /api/v1/workspaces/:id/stage-changes': { stage: 'renegotiation' },
    'PUT /api/v1/workspaces/:id/outcomes/:sessionId': { progress: 5 },
    'POST /api/v1/sessions/:id/worksheets': { kind: 'interval-review', payload: { mood: 5 } },
    'PUT /api/v1/worksheets/:id': { kind: 'interval-review', payload: { mood: 6 } },
    'POST /api/v1/sessions/:id/tasks': { what: 'Matrix task' },
    'PATCH /api/v1/tasks/:id': { what: 'Matrix task edit' },
    'POST /api/v1/tasks/:id/review': { sessionId: RANDOM_ID, outcome: 'done' },
    'POST /api/v1/clients/:clientId/risk-flags': { level: 'low', reason: 'Matrix concern' },
    'POST /api/v1/risk-flags/:id/screen': { answers: { 1: 0, 2: 0, 6: 0 } },
    'POST /api/v1/risk-flags/:id/actions': { kind: 'other' },
    'POST /api/v1/risk-flags/:id/acknowledge': undefined,
    'POST /api/v1/risk-flags/:id/close': { reason: 'matrix' },
    'PUT /api/v1/clients/:clientId/safety-plan': { plan: {} },
    'POST /api/v1/clients/:clientId/safety-plan/sign': undefined,
    'POST /api/v1/episodes/:id/documents': { kind: 'symptom-chart' },
    'POST /api/v1/clients/:clientId/documents': { kind: 'safety-plan' },
    'POST /api/v1/clients/:clientId/disclosure-consents': { recipientKind: 'referrer', recipientName: 'Matrix Referrer', documents: ['symptom-chart'], givenOn: '2026-11-02' },
    'POST /api/v1/disclosure-consents/:id/withdraw': { reason: 'matrix' },
    'PUT /api/v1/episodes/:id/termination': { feelingsAboutEnding: 'Matrix', goals: [] },
    'POST /api/v1/episodes/:id/termination/sign': undefined,
    'POST /api/v1/episodes/:id/termination/addenda': { text: 'Matrix addendum' },
    'POST /api/v1/episodes/:id/termination/maintenance-episode': { startDate: '2026-12-01' },
    'PUT /api/v1/episodes/:id/relapse-plan': { plan: {} },
    'POST /api/v1/episodes/:id/relapse-plan/sign': undefined,
    'PUT /api/v1/episodes/:id/relapse-plan/sharing': { sharedWithClient: true },
    'PUT /api/v1/episodes/:id/contract': { contractedSessions: 12, frequency: 'weekly', sessionLengthMinutes: 50, problemAreas: [], goals: [], measures: [], participants: [] },
  };

  const fixture: AccessFixture = {
    agents: { admin, supervisor: sol, clinician: amy, client: portal }, emails, targets, bodies,
    signInAgain: async (role) => {
      fixture.agents[role] = agentFrom(t.app, await signInFrom(t.app, emails[role], role === 'admin' ? ADMIN_PASSWORD : STAFF_PASSWORD, { ip: '10.8.0.1' }));
    },
  };
  return fixture;
}
