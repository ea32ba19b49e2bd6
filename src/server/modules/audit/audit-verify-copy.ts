/**
 * PostgreSQL's COPY text format, read back into rows for `audit verify`. COPY streams one range's
 * rows as plain lines, so the client builds no result objects and parses no per-row protocol
 * messages; only the strings the hash needs are made.
 *
 * Format (PostgreSQL manual, "COPY", File Formats → Text Format): one row per line ending in `\n`,
 * columns separated by a tab, NULL written as `\N`; a backslash, newline, carriage return, tab and
 * the other control characters in a value are written as backslash sequences. COPY TO writes only
 * `\\ \b \f \n \r \t \v`, but the decoder also accepts the octal and `\x` forms COPY FROM allows.
 */

import type pg from 'pg';

const NEWLINE = 0x0a;

function unescapeCopyValue(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    const slash = value.indexOf('\\', i);
    if (slash === -1 || slash === value.length - 1) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, slash);
    const c = value[slash + 1]!;
    i = slash + 2;
    switch (c) {
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        const hex = /^[0-9a-fA-F]{1,2}/.exec(value.slice(i, i + 2));
        if (hex) {
          out += String.fromCharCode(parseInt(hex[0], 16));
          i += hex[0].length;
        } else out += 'x';
        break;
      }
      default: {
        const octal = /^[0-7]{1,3}/.exec(value.slice(slash + 1, slash + 4));
        if (octal) {
          out += String.fromCharCode(parseInt(octal[0], 8));
          i = slash + 1 + octal[0].length;
        } else out += c;
      }
    }
  }
  return out;
}

/** The values of one COPY text line: strings, or null for `\N`. */
export function parseCopyLine(line: string): Array<string | null> {
  const fields: Array<string | null> = line.split('\t');
  const escaped = line.includes('\\');
  for (let i = 0; i < fields.length; i += 1) {
    const f = fields[i]!;
    if (f === '\\N') fields[i] = null;
    else if (escaped && f.includes('\\')) fields[i] = unescapeCopyValue(f);
  }
  return fields;
}

/**
 * Cuts a COPY text stream, arriving in chunks that do not follow row boundaries, into rows. Bytes
 * are decoded as UTF-8 only up to the last complete line of each chunk: a newline byte never occurs
 * inside a multi-byte character, so no character is ever split.
 */
export class CopyTextRows {
  #rest: Buffer | null = null;

  /** Calls `row` for every complete line in what has arrived so far. */
  push(chunk: Buffer, row: (fields: Array<string | null>) => void): void {
    const data = this.#rest ? Buffer.concat([this.#rest, chunk]) : chunk;
    const end = data.lastIndexOf(NEWLINE);
    // PostgreSQL sends each row of COPY TO as its own message: one line, nothing to split.
    if (end === data.length - 1 && data.indexOf(NEWLINE) === end) {
      this.#rest = null;
      row(parseCopyLine(data.toString('utf8', 0, end)));
      return;
    }
    if (end === -1) {
      this.#rest = Buffer.from(data);
      return;
    }
    // Keep only a copy of the incomplete tail, not the whole chunk behind it.
    this.#rest = end + 1 < data.length ? Buffer.from(data.subarray(end + 1)) : null;
    const lines = data.toString('utf8', 0, end).split('\n');
    for (const line of lines) row(parseCopyLine(line));
  }

  /** Fails when the stream stopped in the middle of a line. */
  end(): void {
    if (this.#rest && this.#rest.length > 0) throw new Error('COPY output ended in the middle of a row');
  }
}

/**
 * `COPY … TO STDOUT` through the pg client's own protocol handling: the client hands over each CopyData
 * message's bytes, and the query resolves with the row count once the server is ready again.
 */
class CopyOut implements pg.Submittable {
  readonly #text: string;
  readonly #rows = new CopyTextRows();
  readonly #row: (fields: Array<string | null>) => void;
  #count = 0;
  #failure: unknown = null;
  #settled = false;
  readonly done: Promise<number>;
  #resolve!: (count: number) => void;
  #reject!: (error: unknown) => void;

  constructor(text: string, row: (fields: Array<string | null>) => void) {
    this.#text = text;
    this.#row = row;
    this.done = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  submit(connection: pg.Connection): void {
    connection.query(this.#text);
  }

  handleCopyData(message: { chunk: Buffer }): void {
    if (this.#failure !== null) return;
    try {
      this.#rows.push(message.chunk, (fields) => {
        this.#count += 1;
        this.#row(fields);
      });
    } catch (error) {
      // Thrown inside the client's message handling it would end the connection; reported at the end.
      this.#failure = error;
    }
  }

  handleCommandComplete(): void {
    if (this.#failure !== null) return;
    try {
      this.#rows.end();
    } catch (error) {
      this.#failure = error;
    }
  }

  handleError(error: Error): void {
    this.#settle(error);
  }

  handleReadyForQuery(): void {
    this.#settle(this.#failure);
  }

  // Messages a COPY TO never brings.
  handleRowDescription(): void { this.#unexpected('a row description'); }
  handleDataRow(): void { this.#unexpected('a data row'); }
  handlePortalSuspended(): void { this.#unexpected('a suspended portal'); }
  handleEmptyQuery(): void { this.#unexpected('an empty query'); }

  #unexpected(what: string): void {
    this.#failure ??= new Error(`COPY answered with ${what}`);
  }

  #settle(error: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    if (error !== null) this.#reject(error);
    else this.#resolve(this.#count);
  }
}

/** Runs `text` (a `COPY (…) TO STDOUT` in text format) and calls `row` for each row; resolves with the count. */
export function copyOut(client: pg.Client, text: string, row: (fields: Array<string | null>) => void): Promise<number> {
  return client.query(new CopyOut(text, row)).done;
}
