import { sql, type RawBuilder } from 'kysely';
import { RESPONSE_REMISSION_RULES, RESPONSE_REMISSION_RULE_SET, type ResponseRemissionRule } from '../../../domain/outcomes/response-remission';
import type { Executor } from '../../db/database';

/** An episode whose course is over: the outcome summary counts these and no others. */
export const FINISHED_EPISODE_STATUSES = ['ended', 'dropped-out'] as const;

/**
 * The outcome of an organization's finished episodes on one instrument, under one response/remission
 * rule of the domain (PHQ-9 by default: response ≥ 50 % reduction, remission < 5 [V] [S43a]). For
 * each episode the first (baseline) and the last scored administration are compared, as
 * `assessResponseRemission` does for one episode.
 */
export interface OutcomeSummary {
  ruleSet: typeof RESPONSE_REMISSION_RULE_SET;
  instrumentId: string;
  /** Finished episodes of the organization (ended or dropped out), scored or not. */
  episodes: number;
  /** Finished episodes with at least one scored administration of the instrument. */
  withScore: number;
  /** Finished episodes with at least two: those with a change from baseline. */
  withTwoScores: number;
  /** Mean first and last score of the episodes with two scores; null when there are none. */
  meanFirst: number | null;
  meanLast: number | null;
  /** Episodes the response rule can judge: two scores and a baseline above 0 (null when the rule defines no response). */
  responseAssessed: number | null;
  /** Episodes meeting the rule's response (null when the rule defines none). */
  responders: number | null;
  /**
   * Episodes whose last score meets the rule's remission. As in the domain, a lone score is judged
   * too (null when the rule defines no remission).
   */
  remitted: number | null;
  /** The same among the episodes with two scores, the denominator most reports use. */
  remittedWithTwoScores: number | null;
}

interface SummaryRow {
  episodes: number | string;
  with_score: number | string | null;
  with_two_scores: number | string | null;
  mean_first: number | string | null;
  mean_last: number | string | null;
  response_assessed: number | string | null;
  responders: number | string | null;
  remitted: number | string | null;
  remitted_with_two_scores: number | string | null;
}

/** PostgreSQL answers counts as bigint and averages as numeric text; SQLite as numbers. */
const count = (value: number | string | null): number => Number(value ?? 0);
const meanOf = (value: number | string | null): number | null => (value === null ? null : Number(value));

/**
 * One row per finished episode of the organization: how many scores it has, its first and its last.
 * Administrations at the same instant are ordered by id (UUIDv7: the order they were recorded). Both
 * forms read each episode's scores from `questionnaire_response_outcome` (organization, episode,
 * instrument, time, id, total) alone, so the cost grows with the number of finished episodes and not
 * with the number of responses; materialized so each per-episode subquery runs once, not once for
 * every place its column is used.
 */
function finishedEpisodeScores(dialect: 'sqlite' | 'postgres', organizationId: string, instrumentId: string): RawBuilder<unknown> {
  const ofEpisode = sql`r.organization_id = e.organization_id and r.episode_id = e.id and r.instrument_id = ${instrumentId} and r.total is not null`;
  const finished = sql`e.organization_id = ${organizationId} and e.status in (${sql.join(FINISHED_EPISODE_STATUSES)})`;
  if (dialect === 'postgres') {
    // One index scan per episode into an array, in index order (no sort): a third of the subquery
    // runs of the SQLite form, each of which costs PostgreSQL more than a row of the scan.
    return sql`per_episode as materialized (
        select array(select r.total from questionnaire_response r where ${ofEpisode} order by r.administered_at, r.id) as totals
        from episode e where ${finished}
      ), ends as (
        select cardinality(totals) as scores, totals[1] as first_total, totals[cardinality(totals)] as last_total from per_episode
      )`;
  }
  // Two seeks (first, last) and a count over the episode's few index entries.
  const end = (order: 'asc' | 'desc') => sql`(select r.total from questionnaire_response r where ${ofEpisode}
      order by r.administered_at ${sql.raw(order)}, r.id ${sql.raw(order)} limit 1)`;
  return sql`ends as materialized (
      select ${end('asc')} as first_total, ${end('desc')} as last_total,
        (select count(*) from questionnaire_response r where ${ofEpisode}) as scores
      from episode e where ${finished}
    )`;
}

/** Computes the summary for one organization in one statement. */
export async function organizationOutcomeSummary(db: Executor, dialect: 'sqlite' | 'postgres', organizationId: string, rule: ResponseRemissionRule = RESPONSE_REMISSION_RULES['phq-9']): Promise<OutcomeSummary> {
  // Response as assessResponseRemission decides it: (baseline − latest) × 100 ≥ percent × baseline, baseline > 0.
  const percent = rule.responseReductionPercent;
  const responded = percent === null ? null : sql`scores >= 2 and first_total > 0 and (first_total - last_total) * 100 >= ${percent} * first_total`;
  const remission = rule.remission;
  const remits = remission === null ? null : sql`last_total ${remission.op === '<' ? sql`<` : sql`<=`} ${remission.value}`;
  const countWhere = (condition: RawBuilder<unknown> | null) => (condition === null ? sql`null` : sql`sum(case when ${condition} then 1 else 0 end)`);
  const query = sql<SummaryRow>`with ${finishedEpisodeScores(dialect, organizationId, rule.instrumentId)}
    select count(*) as episodes,
      sum(case when scores >= 1 then 1 else 0 end) as with_score,
      sum(case when scores >= 2 then 1 else 0 end) as with_two_scores,
      avg(case when scores >= 2 then first_total end) as mean_first,
      avg(case when scores >= 2 then last_total end) as mean_last,
      ${countWhere(percent === null ? null : sql`scores >= 2 and first_total > 0`)} as response_assessed,
      ${countWhere(responded)} as responders,
      ${countWhere(remits === null ? null : sql`scores >= 1 and ${remits}`)} as remitted,
      ${countWhere(remits === null ? null : sql`scores >= 2 and ${remits}`)} as remitted_with_two_scores
    from ends`;
  let rows: SummaryRow[];
  if (dialect === 'postgres') {
    // The plan's cost is past PostgreSQL's JIT thresholds at scale, and compiling took about 0.5 s at
    // 100,000 clients while saving nothing on a query made of index scans: off for this statement.
    const run = async (tx: Executor) => {
      await sql`set local jit = off`.execute(tx);
      return (await query.execute(tx)).rows;
    };
    rows = db.isTransaction ? await run(db) : await db.transaction().execute(run);
  } else {
    rows = (await query.execute(db)).rows;
  }
  const row = rows[0]!;
  return {
    ruleSet: RESPONSE_REMISSION_RULE_SET, instrumentId: rule.instrumentId,
    episodes: count(row.episodes), withScore: count(row.with_score), withTwoScores: count(row.with_two_scores),
    meanFirst: meanOf(row.mean_first), meanLast: meanOf(row.mean_last),
    responseAssessed: percent === null ? null : count(row.response_assessed),
    responders: percent === null ? null : count(row.responders),
    remitted: remission === null ? null : count(row.remitted),
    remittedWithTwoScores: remission === null ? null : count(row.remitted_with_two_scores),
  };
}
