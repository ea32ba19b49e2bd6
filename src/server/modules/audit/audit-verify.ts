import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import type { AuditEventTable } from './audit.table';
import { GENESIS_HASH, hashAuditEvent } from './audit-hash';

export interface ChainBreak {
  organizationId: string;
  /** Which of the organization's chains (see audit.repository.ts). */
  chain: number;
  seq: number;
  eventId: string | null;
  problem: string;
}

export interface VerifyResult {
  organizations: number;
  /** Chains walked, over all organizations. */
  chains: number;
  events: number;
  breaks: ChainBreak[];
}

/**
 * Where a worker thread can open its own read connection to the same database. Without it the whole
 * walk runs in the calling thread through the given Kysely instance.
 */
export type AuditConnection =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; searchPath?: string };

export interface VerifyOptions {
  /** Lets ranges be checked in worker threads, each with its own read connection. */
  connection?: AuditConnection;
  /** Worker threads to use with a connection (default: the machine's cores). 0 or 1: none. */
  workers?: number;
  /** Events per range (by seq); each range is read and hashed on its own. */
  rangeSize?: number;
}

/** One contiguous slice of one of an organization's chains: seq in (after, upTo]; null means unbounded. */
export interface RangeTask {
  organizationId: string;
  chain: number;
  after: number | null;
  upTo: number | null;
}

/**
 * What checking a range found. The first event is reported rather than judged, because whether it
 * follows the chain depends on the range before it (the seam); every later event is judged against
 * the one before it in the same range, exactly as a single walk would.
 */
export interface RangeResult {
  events: number;
  first: { seq: number; id: string; prevHash: string; hashOk: boolean } | null;
  last: { seq: number; hash: string } | null;
  /** The first break after the range's first event, if any. */
  firstBreak: ChainBreak | null;
}

const COLUMNS = ['id', 'organization_id', 'seq', 'recorded_at', 'actor_id', 'actor_role', 'action', 'entity_type', 'entity_id', 'client_id',
  'sensitivity', 'outcome', 'reason', 'source_ip', 'request_id', 'prev_hash', 'hash', 'chain'] as const;
export const AUDIT_COLUMNS_SQL = COLUMNS.join(', ');

/** An event read as an array of AUDIT_COLUMNS_SQL's columns (the cheaper raw row modes). */
export function eventFromArray(r: unknown[]): AuditEventTable {
  return {
    id: r[0] as string, organization_id: r[1] as string, seq: Number(r[2]), recorded_at: r[3] as string, actor_id: r[4] as string | null,
    actor_role: r[5] as string | null, action: r[6] as string, entity_type: r[7] as string, entity_id: r[8] as string | null, client_id: r[9] as string | null,
    sensitivity: r[10] as string, outcome: r[11] as string, reason: r[12] as string | null, source_ip: r[13] as string | null, request_id: r[14] as string | null,
    prev_hash: r[15] as string, hash: r[16] as string, chain: Number(r[17]),
  };
}
const PAGE = 5000;

/**
 * Every chain's head and extent in one statement (so one snapshot): the chains that hold events found
 * by skipping along the (organization_id, chain, seq) index from one chain to the next rather than
 * scanning every event, joined with the chains that have a head, and each chain's first and last seq
 * by two index look-ups. Shared with `ipt backup`, which reads it on its own snapshot.
 */
export const CHAIN_EXTENT_SQL = `
  with recursive found (organization_id, chain) as (
    select organization_id, chain from (select organization_id, chain from audit_event order by organization_id, chain limit 1) first_chain
    union all
    select
      (select e.organization_id from audit_event e where (e.organization_id, e.chain) > (found.organization_id, found.chain) order by e.organization_id, e.chain limit 1),
      (select e.chain from audit_event e where (e.organization_id, e.chain) > (found.organization_id, found.chain) order by e.organization_id, e.chain limit 1)
    from found where found.organization_id is not null
  ), ids as (
    select organization_id, chain from found where organization_id is not null
    union
    select organization_id, chain from audit_chain_head
  )
  select ids.organization_id, ids.chain, h.seq as head_seq, h.hash as head_hash,
    (select min(e.seq) from audit_event e where e.organization_id = ids.organization_id and e.chain = ids.chain) as min_seq,
    (select max(e.seq) from audit_event e where e.organization_id = ids.organization_id and e.chain = ids.chain) as max_seq
  from ids left join audit_chain_head h on h.organization_id = ids.organization_id and h.chain = ids.chain
  order by ids.organization_id, ids.chain`;

/** One row of CHAIN_EXTENT_SQL (bigint columns may come as strings). */
export interface ChainExtent {
  organization_id: string;
  chain: number | string;
  head_seq: number | string | null;
  head_hash: string | null;
  min_seq: number | string | null;
  max_seq: number | string | null;
}

/** Where a break is, as the CLI and the backup report it: "organization …, chain …, event …". */
export function breakPlace(b: ChainBreak): string {
  return `organization ${b.organizationId}, chain ${b.chain}, event ${b.seq}`;
}

export const problems = {
  missing: (expectedSeq: number, foundSeq: number) => `event ${expectedSeq} is missing (next found is ${foundSeq})`,
  notFollowing: 'does not follow the previous event (removed or reordered events)',
  changed: 'its content was changed after it was recorded',
};

/**
 * Checks the events of one range, in seq order, as they arrive in pages. Shared by the calling
 * thread and the worker threads so both judge every event the same way.
 */
export class RangeChecker {
  readonly #organizationId: string;
  readonly #chain: number;
  events = 0;
  first: RangeResult['first'] = null;
  firstBreak: ChainBreak | null = null;
  #lastSeq = 0;
  #lastHash = '';

  constructor(organizationId: string, chain: number) {
    this.#organizationId = organizationId;
    this.#chain = chain;
  }

  add(raw: AuditEventTable): void {
    // Raw rows arrive with a numeric seq already; other drivers may give a bigint column as a string.
    const row = typeof raw.seq === 'number' ? raw : { ...raw, seq: Number(raw.seq) };
    this.events += 1;
    if (this.first === null) {
      this.first = { seq: row.seq, id: row.id, prevHash: row.prev_hash, hashOk: hashAuditEvent(row) === row.hash };
    } else if (this.firstBreak === null) {
      const expectedSeq = this.#lastSeq + 1;
      const at = { organizationId: this.#organizationId, chain: this.#chain };
      if (row.seq !== expectedSeq) this.firstBreak = { ...at, seq: expectedSeq, eventId: null, problem: problems.missing(expectedSeq, row.seq) };
      else if (row.prev_hash !== this.#lastHash) this.firstBreak = { ...at, seq: row.seq, eventId: row.id, problem: problems.notFollowing };
      else if (hashAuditEvent(row) !== row.hash) this.firstBreak = { ...at, seq: row.seq, eventId: row.id, problem: problems.changed };
    }
    this.#lastSeq = row.seq;
    this.#lastHash = row.hash;
  }

  result(): RangeResult {
    return { events: this.events, first: this.first, last: this.first ? { seq: this.#lastSeq, hash: this.#lastHash } : null, firstBreak: this.firstBreak };
  }
}

/** Reads one range through Kysely, in keyset pages by seq. */
async function checkRangeInProcess(db: Executor, task: RangeTask): Promise<RangeResult> {
  const checker = new RangeChecker(task.organizationId, task.chain);
  let after = task.after;
  for (;;) {
    let query = db.selectFrom('audit_event').select([...COLUMNS]).where('organization_id', '=', task.organizationId).where('chain', '=', task.chain);
    if (after !== null) query = query.where('seq', '>', after);
    if (task.upTo !== null) query = query.where('seq', '<=', task.upTo);
    const rows = await query.orderBy('seq').limit(PAGE).execute();
    for (const row of rows) checker.add(row);
    if (rows.length < PAGE) break;
    after = Number(rows[rows.length - 1]!.seq);
  }
  return checker.result();
}

/**
 * Splits the events from `min` to `max` (the snapshot's extent) into ranges of `size` seq values; the
 * first range is open below, so nothing before `min` is skipped either.
 */
function splitRanges(organizationId: string, chain: number, min: number, max: number, size: number): RangeTask[] {
  const tasks: RangeTask[] = [];
  let after: number | null = null;
  for (let upTo = min - 1 + size; upTo < max; upTo += size) {
    tasks.push({ organizationId, chain, after, upTo });
    after = upTo;
  }
  tasks.push({ organizationId, chain, after, upTo: max });
  return tasks;
}

/** The ranges of one chain of the snapshot: none when it holds no events (only a head). */
export function rangesOf(extent: ChainExtent, size: number): RangeTask[] {
  if (extent.min_seq === null || extent.max_seq === null) return [];
  return splitRanges(extent.organization_id, Number(extent.chain), Number(extent.min_seq), Number(extent.max_seq), size);
}

/** The head of one chain of the snapshot, if it has one. */
function headOf(extent: ChainExtent): { seq: number; hash: string } | undefined {
  return extent.head_hash !== null ? { seq: Number(extent.head_seq), hash: extent.head_hash } : undefined;
}

/** Joins the ranges of one chain in order, checking each seam, into its first break. */
function joinRanges(organizationId: string, chain: number, results: RangeResult[], head: { seq: number; hash: string } | undefined): { events: number; broken: ChainBreak | undefined } {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let events = 0;
  let broken: ChainBreak | undefined;
  for (const r of results) {
    events += r.events;
    if (!r.first || !r.last) continue;
    if (!broken) {
      if (r.first.seq !== expectedSeq) broken = { organizationId, chain, seq: expectedSeq, eventId: null, problem: problems.missing(expectedSeq, r.first.seq) };
      else if (r.first.prevHash !== prevHash) broken = { organizationId, chain, seq: r.first.seq, eventId: r.first.id, problem: problems.notFollowing };
      else if (!r.first.hashOk) broken = { organizationId, chain, seq: r.first.seq, eventId: r.first.id, problem: problems.changed };
      else if (r.firstBreak) broken = r.firstBreak;
    }
    prevHash = r.last.hash;
    expectedSeq = r.last.seq + 1;
    lastSeq = r.last.seq;
  }
  if (!broken && head && (head.seq !== lastSeq || head.hash !== prevHash)) {
    broken = { organizationId, chain, seq: head.seq, eventId: null, problem: `the chain should end at event ${head.seq} but ends at ${lastSeq} (events removed from the end)` };
  }
  if (!broken && !head && lastSeq > 0) broken = { organizationId, chain, seq: lastSeq, eventId: null, problem: 'the chain head is missing' };
  return { events, broken };
}

/** A small pool of worker threads, each with its own read connection, taking ranges one at a time. */
class RangePool {
  readonly #workers: Worker[] = [];

  constructor(connection: AuditConnection, size: number) {
    const boot = new URL('./audit-verify.worker-boot.mjs', import.meta.url);
    for (let i = 0; i < size; i += 1) this.#workers.push(new Worker(boot, { execArgv: [], workerData: { connection } }));
  }

  /** Runs every task, at most one per worker at a time; results come back in task order. */
  async run(tasks: RangeTask[]): Promise<RangeResult[]> {
    const results = new Array<RangeResult>(tasks.length);
    let next = 0;
    const drive = (worker: Worker) => new Promise<void>((resolve, reject) => {
      let current = -1;
      const send = () => {
        if (next >= tasks.length) {
          cleanup();
          resolve();
          return;
        }
        current = next;
        next += 1;
        worker.postMessage(tasks[current]);
      };
      const onMessage = (message: { result?: RangeResult; error?: string }) => {
        if (message.error !== undefined) {
          cleanup();
          reject(new Error(`audit verify worker: ${message.error}`));
          return;
        }
        results[current] = message.result!;
        send();
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`audit verify worker stopped (exit code ${code})`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      send();
    });
    await Promise.all(this.#workers.map(drive));
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/**
 * Walks each of every organization's chains in seq order and recomputes each hash. Reports the first
 * break per chain: an edited event (hash mismatch), a removed one (gap in seq or prev_hash mismatch),
 * reordering (prev_hash mismatch), or a chain head that does not match the last event (truncation).
 *
 * Each event stores its predecessor's hash, so a chain can be cut into ranges by seq and the ranges
 * checked independently (in worker threads when a connection is given); where two ranges meet, the
 * first event of the later range is checked against the last event of the earlier one. The result is
 * the same as one walk from the first event to the last.
 */
export async function verifyAuditChains(db: Executor, options: VerifyOptions = {}): Promise<VerifyResult> {
  const rangeSize = Math.max(1, options.rangeSize ?? 250_000);
  // The heads and each chain's extent come from one statement, so one snapshot: events appended while
  // the walk runs lie beyond the ranges and are left for the next run, instead of looking like a break.
  const { rows } = await sql<ChainExtent>`${sql.raw(CHAIN_EXTENT_SQL)}`.execute(db);
  const chains = sortChains(rows);
  const tasksByChain = chains.map((extent) => rangesOf(extent, rangeSize));
  const tasks = tasksByChain.flat();

  const wanted = options.workers ?? os.availableParallelism();
  const workers = options.connection ? Math.min(wanted, tasks.length) : 0;
  let results: RangeResult[];
  if (workers > 1) {
    const pool = new RangePool(options.connection!, workers);
    try {
      results = await pool.run(tasks);
    } finally {
      await pool.close();
    }
  } else {
    results = [];
    for (const task of tasks) results.push(await checkRangeInProcess(db, task));
  }

  const { events, breaks } = joinChains(chains, tasksByChain, results);
  return { organizations: new Set(chains.map((c) => c.organization_id)).size, chains: chains.length, events, breaks };
}

/** The snapshot's chains by organization, then chain number (the same order on both databases). */
export function sortChains(rows: ChainExtent[]): ChainExtent[] {
  return [...rows].sort((a, b) => (a.organization_id < b.organization_id ? -1 : a.organization_id > b.organization_id ? 1 : Number(a.chain) - Number(b.chain)));
}

/**
 * Joins each chain's range results (given in the order of `tasksByChain`, flattened) into the event
 * count and the first break of every broken chain.
 */
export function joinChains(chains: ChainExtent[], tasksByChain: RangeTask[][], results: RangeResult[]): { events: number; breaks: ChainBreak[] } {
  const breaks: ChainBreak[] = [];
  let events = 0;
  let offset = 0;
  chains.forEach((extent, i) => {
    const count = tasksByChain[i]!.length;
    const joined = joinRanges(extent.organization_id, Number(extent.chain), results.slice(offset, offset + count), headOf(extent));
    offset += count;
    events += joined.events;
    if (joined.broken) breaks.push(joined.broken);
  });
  return { events, breaks };
}
