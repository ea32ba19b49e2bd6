import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_REMISSION_RULES, assessResponseRemission } from '../../../domain/outcomes/response-remission';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../../test/support/dialects';
import type { QuestionnaireResponseTable } from '../measures/measures.table';
import { organizationOutcomeSummary } from './outcome-summary.repository';

/**
 * The organization outcome summary on a small organization whose counts are worked out by hand
 * below, with the edge cases of the response/remission rule: ties in time, a lone score, a baseline
 * of 0, an unscored answer, other instruments, unfinished episodes and another organization.
 */
const ORG = '01900000-0000-7000-8000-00000000a001';
const OTHER_ORG = '01900000-0000-7000-8000-00000000b001';
const T0 = '2026-01-01T00:00:00.000Z';
const CLINICIAN: Record<string, string> = { [ORG]: '01900000-0000-7000-8000-00000000a0c1', [OTHER_ORG]: '01900000-0000-7000-8000-00000000b0c1' };

interface Score { at: string; total: number | null; instrument?: string; id?: string }
interface EpisodeCase { id: string; org: string; status: string; scores: Score[] }

const day = (n: number, hour = 9) => `2026-02-${String(n).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
const episodeId = (n: number) => `01900000-0000-7000-8000-0000000e${String(n).padStart(4, '0')}`;
const responseId = (n: number) => `01900000-0000-7000-8000-0000000f${String(n).padStart(4, '0')}`;

const EPISODES: EpisodeCase[] = [
  // 1: 20 → 12 → 8. Response (8 ≤ 10), no remission (8 ≥ 5).
  { id: episodeId(1), org: ORG, status: 'ended', scores: [{ at: day(1), total: 20 }, { at: day(8), total: 12 }, { at: day(15), total: 8 }, { at: day(1), total: 24, instrument: 'ham-d17' }, { at: day(15), total: 7, instrument: 'ham-d17' }] },
  // 2: 10 → 5, dropped out. Response exactly at half (5 ≤ 5), no remission (5 is not < 5).
  { id: episodeId(2), org: ORG, status: 'dropped-out', scores: [{ at: day(1), total: 10 }, { at: day(8), total: 5 }] },
  // 3: two scores at the first instant and two at the last; the earlier-recorded id comes first.
  // First = id 31 (18), last = id 34 (11): no response (11 > 9), no remission. Inserted in reverse
  // id order, so insertion order would give 9 → 4 (response and remission) instead.
  {
    id: episodeId(3), org: ORG, status: 'ended', scores: [
      { at: day(20), total: 11, id: responseId(34) }, { at: day(20), total: 4, id: responseId(33) },
      { at: day(2), total: 9, id: responseId(32) }, { at: day(2), total: 18, id: responseId(31) },
    ],
  },
  // 4: a lone score of 3: remitted under the domain's rule (latest < 5), but no change to judge.
  { id: episodeId(4), org: ORG, status: 'ended', scores: [{ at: day(3), total: 3 }] },
  // 5: 0 → 0: two scores, no response to judge (baseline 0), remission.
  { id: episodeId(5), org: ORG, status: 'ended', scores: [{ at: day(3), total: 0 }, { at: day(10), total: 0 }] },
  // 6: an unscored answer then 15, plus a GAD-7: one PHQ-9 score only.
  { id: episodeId(6), org: ORG, status: 'ended', scores: [{ at: day(1), total: null }, { at: day(9), total: 15 }, { at: day(9), total: 2, instrument: 'gad-7' }] },
  // 7: finished without any PHQ-9.
  { id: episodeId(7), org: ORG, status: 'ended', scores: [] },
  // Not finished, or another organization's: left out whatever their scores.
  { id: episodeId(8), org: ORG, status: 'active', scores: [{ at: day(1), total: 20 }, { at: day(8), total: 2 }] },
  { id: episodeId(9), org: ORG, status: 'planned', scores: [{ at: day(1), total: 4 }] },
  { id: episodeId(10), org: OTHER_ORG, status: 'ended', scores: [{ at: day(1), total: 20 }, { at: day(8), total: 2 }] },
];

async function insertWorld(db: TestDatabase['db']): Promise<void> {
  for (const org of [ORG, OTHER_ORG]) {
    await db.insertInto('organization').values({ id: org, name: `Clinic ${org.slice(-4)}`, require_mfa: 0, settings_json: '{}', created_at: T0, updated_at: T0, version: 1 }).execute();
    await db.insertInto('app_user').values({
      id: CLINICIAN[org]!, organization_id: org, email: `clinician-${org.slice(-4)}@example.invalid`, name: 'Clinician', role: 'clinician', status: 'active',
      password_hash: 'not-used', totp_secret: null, totp_pending_secret: null, totp_last_step: null, last_login_at: null, created_at: T0, updated_at: T0, version: 1,
    }).execute();
  }
  let next = 1;
  for (const episode of EPISODES) {
    const clinician = CLINICIAN[episode.org]!;
    const client = `01900000-0000-7000-8000-0000000c${episode.id.slice(-4)}`;
    await db.insertInto('client').values({
      id: client, organization_id: episode.org, display_name: 'Client', preferred_name: null, search_text: 'client', date_of_birth: '1990-01-01', pronouns: null,
      language: null, identifier: null, phone: null, email: null, address: null, emergency_contact_name: null, emergency_contact_phone: null,
      emergency_contact_relationship: null, clinician_id: clinician, status: 'active', archived_at: null, archive_reason: null, archived_by: null,
      created_at: T0, updated_at: T0, version: 1,
    }).execute();
    await db.insertInto('episode').values({
      id: episode.id, organization_id: episode.org, client_id: client, clinician_id: clinician, protocol_id: 'ipt', protocol_version: '1', status: episode.status,
      current_phase: 'initial', phase_started_session: 1, start_date: '2026-02-01', contracted_sessions: 16, schedule: 'weekly', session_length_minutes: 50,
      medication_referral: 'none', medication_referral_note: null, formulation_agreed_at: null, termination_discussed_at: null,
      end_reason: episode.status === 'ended' ? 'completed' : null, ended_at: null, previous_episode_id: null, created_at: T0, updated_at: T0, version: 1,
    }).execute();
    const rows: QuestionnaireResponseTable[] = episode.scores.map((s) => ({
      id: s.id ?? responseId(100 + next++), organization_id: episode.org, client_id: client, episode_id: episode.id, session_id: null,
      instrument_id: s.instrument ?? 'phq-9', instrument_version: '1', answers_json: '{}', total: s.total, severity_code: null, respondent: 'client',
      administered_at: s.at, administered_by: clinician, created_at: s.at,
    }));
    // One by one, in the order listed (episode 3 relies on it).
    for (const row of rows) await db.insertInto('questionnaire_response').values(row).execute();
  }
}

describe.each(testDialects())('organization outcome summary (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await insertWorld(t.db);
  });
  afterAll(async () => t?.dispose());

  it('counts the finished PHQ-9 episodes of the organization as worked out by hand', async () => {
    expect(await organizationOutcomeSummary(t.db, dialect, ORG)).toEqual({
      ruleSet: 'response-remission', instrumentId: 'phq-9',
      episodes: 7, // 1–7
      withScore: 6, // 1–6
      withTwoScores: 4, // 1, 2, 3, 5
      meanFirst: 12, // (20 + 10 + 18 + 0) / 4
      meanLast: 6, // (8 + 5 + 11 + 0) / 4
      responseAssessed: 3, // 1, 2, 3 (5 has a baseline of 0)
      responders: 2, // 1, 2
      remitted: 2, // 4 (a lone 3), 5
      remittedWithTwoScores: 1, // 5
    });
  });

  it('agrees with the domain\'s rule applied to each episode\'s series', async () => {
    const rule = RESPONSE_REMISSION_RULES['phq-9'];
    const finished = EPISODES.filter((e) => e.org === ORG && (e.status === 'ended' || e.status === 'dropped-out'));
    const results = finished.flatMap((e) => {
      const series = e.scores.filter((s): s is Score & { total: number } => (s.instrument ?? 'phq-9') === 'phq-9' && s.total !== null)
        .sort((a, b) => (a.at === b.at ? (a.id! < b.id! ? -1 : 1) : a.at < b.at ? -1 : 1))
        .map((s) => ({ date: s.at.slice(0, 10), total: s.total }));
      return series.length === 0 ? [] : [{ points: series.length, result: assessResponseRemission(series, rule) }];
    });
    const summary = await organizationOutcomeSummary(t.db, dialect, ORG, rule);
    expect(summary.withScore).toBe(results.length);
    expect(summary.responders).toBe(results.filter((r) => r.result.response === true).length);
    expect(summary.responseAssessed).toBe(results.filter((r) => r.result.response !== null).length);
    expect(summary.remitted).toBe(results.filter((r) => r.result.remission === true).length);
    expect(summary.remittedWithTwoScores).toBe(results.filter((r) => r.points >= 2 && r.result.remission === true).length);
  });

  it('takes another rule of the domain: HAM-D17 has remission (≤ 7) but no response', async () => {
    expect(await organizationOutcomeSummary(t.db, dialect, ORG, RESPONSE_REMISSION_RULES['ham-d17'])).toEqual({
      ruleSet: 'response-remission', instrumentId: 'ham-d17',
      episodes: 7, withScore: 1, withTwoScores: 1, meanFirst: 24, meanLast: 7,
      responseAssessed: null, responders: null, remitted: 1, remittedWithTwoScores: 1,
    });
  });

  it('answers the same inside a caller\'s transaction', async () => {
    const outside = await organizationOutcomeSummary(t.db, dialect, ORG);
    expect(await t.db.transaction().execute((tx) => organizationOutcomeSummary(tx, dialect, ORG))).toEqual(outside);
  });

  it('sees only its own organization\'s episodes', async () => {
    expect(await organizationOutcomeSummary(t.db, dialect, OTHER_ORG)).toMatchObject({ episodes: 1, withTwoScores: 1, responders: 1, remitted: 1, meanFirst: 20, meanLast: 2 });
    expect(await organizationOutcomeSummary(t.db, dialect, '01900000-0000-7000-8000-00000000c999')).toEqual({
      ruleSet: 'response-remission', instrumentId: 'phq-9',
      episodes: 0, withScore: 0, withTwoScores: 0, meanFirst: null, meanLast: null, responseAssessed: 0, responders: 0, remitted: 0, remittedWithTwoScores: 0,
    });
  });
});
