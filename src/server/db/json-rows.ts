import { PostgresAdapter, type Kysely, type RawBuilder } from 'kysely';
import { jsonArrayFrom as postgresJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Database } from './database';

/** A select query used as an expression (kysely does not export the type by name). */
type Subquery<O> = Parameters<typeof sqliteJsonArrayFrom<O>>[0];

/**
 * A subquery's rows as one JSON array column, so that a page's independent lists travel in one
 * statement (one round trip to PostgreSQL instead of one per list: docs/performance.md, seventh
 * round). The subquery must name its columns (SQLite's json_object needs them; no selectAll).
 * The order of the rows is not promised by either database once aggregated: callers sort.
 * Read the value back with rowsOfJson; the statement's row type names what the column holds.
 */
export function jsonRows<O>(db: Kysely<Database>, subquery: Subquery<O>): RawBuilder<unknown> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? postgresJsonArrayFrom(subquery) : sqliteJsonArrayFrom(subquery);
}

/** The rows of a jsonRows column: PostgreSQL's driver has already parsed the JSON, SQLite returns its text. */
export function rowsOfJson<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

/** Orders rows by a text key (ISO dates and times sort as text), as ORDER BY did before aggregation; ties keep their order. */
export function byText<T>(key: (row: T) => string, order: 'asc' | 'desc' = 'asc'): (a: T, b: T) => number {
  const sign = order === 'asc' ? 1 : -1;
  return (a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}
