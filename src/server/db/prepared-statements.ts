/**
 * Which SQL texts the server sends to PostgreSQL as named prepared statements. A named statement is
 * parsed and planned once per connection and afterwards only bound and run; for the small indexed
 * queries that make up most requests, parsing and planning are most of PostgreSQL's own work (a
 * caseload page: about 1.5 ms to parse and plan, 0.2 ms to run).
 *
 * Two kinds of text get a name: the queries built once (reusable-query.ts), declared as they are
 * built, and any other data statement once it has been sent `after` times, such as the caseload's
 * usual filters or the audit append of a given batch size. Names are never released (node-postgres
 * keeps a connection's statements until it closes), so the repeated ones are capped at `limit`;
 * beyond it a text is sent unnamed as before. Texts differ per list length or filter, not per value:
 * values are always bound parameters.
 */
export class PreparedStatementNames {
  private readonly names = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private repeated = 0;

  constructor(private readonly limit = 200, private readonly after = 3) {}

  /** A text that always gets a name (a query built once: their number is fixed by the code). */
  declare(sql: string): void {
    if (!this.names.has(sql)) this.names.set(sql, `ipt_${this.names.size + 1}`);
  }

  /** The statement name to send `sql` under, or undefined to send it unnamed this time. */
  nameFor(sql: string): string | undefined {
    const known = this.names.get(sql);
    if (known !== undefined || this.repeated >= this.limit || !DATA_STATEMENT.test(sql)) return known;
    const count = (this.seen.get(sql) ?? 0) + 1;
    if (count < this.after) {
      // Counting is bounded too: texts seen once or twice are forgotten wholesale when too many pile up.
      if (this.seen.size >= 10 * this.limit) this.seen.clear();
      this.seen.set(sql, count);
      return undefined;
    }
    this.seen.delete(sql);
    this.repeated += 1;
    const name = `ipt_${this.names.size + 1}`;
    this.names.set(sql, name);
    return name;
  }
}

/** Statements whose result shape is fixed by their text; DDL and transaction control are left unnamed. */
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

/** The process's names, shared by every PostgreSQL pool it opens (each connection prepares its own). */
export const preparedStatements = new PreparedStatementNames();
