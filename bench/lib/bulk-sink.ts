import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';

/**
 * Bulk row writer for the seed generator. SQLite: one prepared INSERT per table, many rows per
 * transaction. PostgreSQL: multi-row INSERTs of as many rows as fit in one statement's parameters.
 * The rows are the app's own table shapes, so the app reads them like any other.
 */
export interface BulkSink {
  add(table: string, row: object): void;
  /** Writes what is buffered (PostgreSQL) or commits the open transaction (SQLite). */
  flush(): Promise<void>;
  /** Whether enough is buffered that the caller should flush now. */
  readonly full: boolean;
  readonly rowsWritten: number;
}

export class SqliteSink implements BulkSink {
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  #inTransaction = false;
  #pending = 0;
  rowsWritten = 0;

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  get full(): boolean {
    return this.#pending >= 200_000;
  }

  add(table: string, row: object): void {
    let statement = this.#statements.get(table);
    if (!statement) {
      const columns = Object.keys(row);
      statement = this.#db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
      this.#statements.set(table, statement);
    }
    if (!this.#inTransaction) {
      this.#db.exec('begin');
      this.#inTransaction = true;
    }
    statement.run(row);
    this.#pending += 1;
    this.rowsWritten += 1;
  }

  async flush(): Promise<void> {
    if (this.#inTransaction) this.#db.exec('commit');
    this.#inTransaction = false;
    this.#pending = 0;
  }
}

export class PostgresSink implements BulkSink {
  readonly #client: pg.ClientBase;
  readonly #buffers = new Map<string, { columns: string[]; rows: unknown[][] }>();
  #pending = 0;
  rowsWritten = 0;

  constructor(client: pg.ClientBase) {
    this.#client = client;
  }

  get full(): boolean {
    return this.#pending >= 50_000;
  }

  add(table: string, row: object): void {
    let buffer = this.#buffers.get(table);
    if (!buffer) {
      buffer = { columns: Object.keys(row), rows: [] };
      this.#buffers.set(table, buffer);
    }
    buffer.rows.push(buffer.columns.map((c) => (row as Record<string, unknown>)[c]));
    this.#pending += 1;
  }

  async flush(): Promise<void> {
    if (this.#pending === 0) return;
    await this.#client.query('begin');
    // Parents before children: the buffers were created in the order tables first received rows.
    for (const [table, buffer] of this.#buffers) {
      const perStatement = Math.max(1, Math.floor(60_000 / buffer.columns.length));
      for (let start = 0; start < buffer.rows.length; start += perStatement) {
        const chunk = buffer.rows.slice(start, start + perStatement);
        const values: unknown[] = [];
        const tuples = chunk.map((r) => {
          const placeholders = r.map((v) => {
            values.push(v);
            return `$${values.length}`;
          });
          return `(${placeholders.join(',')})`;
        });
        await this.#client.query(`insert into ${table} (${buffer.columns.join(', ')}) values ${tuples.join(',')}`, values);
      }
      this.rowsWritten += buffer.rows.length;
      buffer.rows = [];
    }
    await this.#client.query('commit');
    this.#pending = 0;
  }
}
