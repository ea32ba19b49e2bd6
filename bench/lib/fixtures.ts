import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { SeedManifest } from '../seed';

/** What the benchmarks request, picked from the seeded data: a counsellor's clients, episodes and open sessions. */
export interface ClinicianFixture {
  email: string;
  userId: string;
  clientIds: string[];
  episodeIds: string[];
  draftSessionIds: string[];
}

async function query<T>(manifest: SeedManifest, text: string, params: unknown[]): Promise<T[]> {
  if (manifest.dialect === 'sqlite') {
    const db = new BetterSqlite3(manifest.sqliteFile!, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(text.replace(/\$\d+/g, '?')).all(...params) as T[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: manifest.databaseUrl! });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Fixtures for `count` counsellors of the seeded organization, from the `from`-th on. Benchmarks send
 * their questionnaire submissions as other counsellors than those whose pages they read: submissions
 * add responses to open sessions, and run after run they would pile up on the very episodes read
 * (dozens of PHQ-9s on one session), making each run's pages heavier than the last.
 */
export async function clinicianFixtures(manifest: SeedManifest, count: number, from = 0): Promise<ClinicianFixture[]> {
  const out: ClinicianFixture[] = [];
  for (const email of manifest.clinicianEmails.slice(from, from + count)) {
    const [user] = await query<{ id: string }>(manifest, 'select id from app_user where email = $1', [email]);
    const clients = await query<{ id: string }>(manifest, `select id from client where organization_id = $1 and clinician_id = $2 and status = 'active'`, [manifest.organizationId, user!.id]);
    const episodes = await query<{ id: string }>(manifest, `select id from episode where organization_id = $1 and clinician_id = $2 and status = 'active'`, [manifest.organizationId, user!.id]);
    const drafts = await query<{ id: string }>(manifest, `select s.id from therapy_session s join episode e on e.id = s.episode_id
      where s.organization_id = $1 and s.clinician_id = $2 and s.note_status = 'draft' and s.attendance = 'attended' and e.status = 'active'`, [manifest.organizationId, user!.id]);
    out.push({ email, userId: user!.id, clientIds: clients.map((r) => r.id), episodeIds: episodes.map((r) => r.id), draftSessionIds: drafts.map((r) => r.id) });
  }
  return out;
}

/** PHQ-9 answers for a submission (total 11, item 9 answered 0 — no flag). */
export const PHQ9_SUBMISSION = JSON.stringify({ instrumentId: 'phq-9', instrumentVersion: '1', respondent: 'clinician-entered', answers: { 1: 2, 2: 2, 3: 1, 4: 2, 5: 1, 6: 1, 7: 1, 8: 1, 9: 0, 10: 1 } });

/**
 * Up to `count` counsellors whose pages a benchmark reads and as many others who submit
 * questionnaires (see clinicianFixtures), each with active clients, episodes and open sessions. A
 * small seed is split in two halves, so readers and writers never share an episode.
 */
export async function readersAndWriters(manifest: SeedManifest, count: number): Promise<{ readers: ClinicianFixture[]; writers: ClinicianFixture[] }> {
  const each = Math.min(count, Math.floor(manifest.clinicianEmails.length / 2));
  const usable = (f: ClinicianFixture) => f.clientIds.length > 0 && f.episodeIds.length > 0 && f.draftSessionIds.length > 0;
  const readers = (await clinicianFixtures(manifest, each)).filter(usable);
  const writers = (await clinicianFixtures(manifest, each, each)).filter(usable);
  if (readers.length === 0 || writers.length === 0) throw new Error('the seeded data needs at least two counsellors with active clients, episodes and open sessions');
  return { readers, writers };
}

