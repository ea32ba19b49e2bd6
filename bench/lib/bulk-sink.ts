import type BetterSqlite3 from 'better-sqlite3';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Bulk row writer for the seed generator. SQLite: one prepared INSERT per table, many rows per
 * transaction. PostgreSQL: COPY FROM STDIN in text format, one transaction per flush.
 * The rows are the app's own table shapes, so the app reads them like any other.
 */
export interface BulkSink {
  add(table: string, row: object): void;
  /** Writes what is buffered (PostgreSQL) or commits the open transaction (SQLite). */
  flush(): Promise<void>;
  /** Waits until everything flushed so far is written (PostgreSQL writes in the background). */
  settle(): Promise<void>;
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

  async settle(): Promise<void> {
    await this.flush();
  }
}

/** One value in COPY's text format: \N for null, backslash escapes for the characters COPY reserves. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!) : text;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * PostgreSQL: rows are buffered per table as lines of COPY's text format and streamed with
 * `COPY … FROM STDIN` (pg-copy-streams), one transaction per flush, parents before children.
 */
export class PostgresSink implements BulkSink {
  readonly #client: pg.ClientBase;
  readonly #buffers = new Map<string, { columns: string[]; lines: string[] }>();
  #pending = 0;
  #writing: Promise<void> = Promise.resolve();
  rowsWritten = 0;

  constructor(client: pg.ClientBase) {
    this.#client = client;
  }

  get full(): boolean {
    return this.#pending >= 200_000;
  }

  add(table: string, row: object): void {
    let buffer = this.#buffers.get(table);
    if (!buffer) {
      buffer = { columns: Object.keys(row), lines: [] };
      this.#buffers.set(table, buffer);
    }
    const record = row as Record<string, unknown>;
    let line = '';
    for (let i = 0; i < buffer.columns.length; i += 1) line += (i === 0 ? '' : '\t') + copyText(record[buffer.columns[i]!]);
    buffer.lines.push(`${line}\n`);
    this.#pending += 1;
  }

  /**
   * Hands what is buffered to a background write and returns, so the next rows are generated while
   * PostgreSQL loads these; waits first for the previous write, so at most two batches are in memory.
   */
  async flush(): Promise<void> {
    if (this.#pending === 0) return;
    await this.#writing;
    const batch: Array<[string, string[], string[]]> = [];
    for (const [table, buffer] of this.#buffers) {
      if (buffer.lines.length > 0) batch.push([table, buffer.columns, buffer.lines]);
      buffer.lines = [];
    }
    this.#pending = 0;
    this.#writing = this.#write(batch);
    // A failed write surfaces at the next flush or settle; keep it from being an unhandled rejection meanwhile.
    this.#writing.catch(() => undefined);
  }

  async settle(): Promise<void> {
    await this.flush();
    await this.#writing;
  }

  async #write(batch: Array<[string, string[], string[]]>): Promise<void> {
    await this.#client.query('begin');
    try {
      // Parents before children: the buffers were created in the order tables first received rows.
      for (const [table, columns, lines] of batch) {
        const stream = this.#client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`));
        await pipeline(Readable.from(chunksOf(lines)), stream);
        this.rowsWritten += lines.length;
      }
      await this.#client.query('commit');
    } catch (error) {
      await this.#client.query('rollback').catch(() => undefined);
      throw error;
    }
  }
}

/** Joins lines into chunks of about 1 MB for the COPY stream. */
function* chunksOf(lines: string[]): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 1_000_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
