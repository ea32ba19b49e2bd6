import { describe, expect, it } from 'vitest';
import { CopyTextRows, parseCopyLine } from './audit-verify-copy';

/** What PostgreSQL's COPY TO writes for one value in text format (the sequences it emits). */
function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  return value.replace(/[\\\b\f\n\r\t\v]/g, (c) => ({ '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' })[c]!);
}
const copyLine = (values: Array<string | null>) => `${values.map(copyValue).join('\t')}\n`;

const ROWS: Array<Array<string | null>> = [
  ['plain', '1', null, ''],
  ['tab\there', 'line\nbreak\r\n', 'back\\slash', '\\N'],
  ['non-ASCII: é ü 漢字 😀', '\b\f\v', '\\', 'end\\'],
  [null, null, null, null],
  ['', '', '', ''],
];

describe('COPY text format', () => {
  it('reads back every value PostgreSQL writes: nulls, empty strings, escapes, a literal \\N', () => {
    for (const row of ROWS) expect(parseCopyLine(copyLine(row).slice(0, -1))).toEqual(row);
  });

  it('decodes the octal and \\x forms COPY FROM also accepts', () => {
    expect(parseCopyLine('a\\101b\tx\\x41y\t\\7\t\\q')).toEqual(['aAb', 'xAy', '\u0007', 'q']);
  });

  it('finds the same rows wherever the chunks are cut, even inside a multi-byte character', () => {
    const bytes = Buffer.from(ROWS.map(copyLine).join(''), 'utf8');
    for (const size of [1, 2, 3, 5, 7, 64, bytes.length]) {
      const rows = new CopyTextRows();
      const seen: Array<Array<string | null>> = [];
      for (let i = 0; i < bytes.length; i += size) rows.push(bytes.subarray(i, i + size), (r) => seen.push(r));
      rows.end();
      expect(seen).toEqual(ROWS);
    }
  });

  it('reads one line per chunk, as PostgreSQL sends the rows of COPY TO', () => {
    const rows = new CopyTextRows();
    const seen: Array<Array<string | null>> = [];
    for (const row of ROWS) rows.push(Buffer.from(copyLine(row), 'utf8'), (r) => seen.push(r));
    rows.end();
    expect(seen).toEqual(ROWS);
  });

  it('refuses output that stops in the middle of a row', () => {
    const rows = new CopyTextRows();
    rows.push(Buffer.from('a\tb\nc\t'), () => undefined);
    expect(() => rows.end()).toThrow(/middle of a row/);
  });
});
