import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * "Contains" search that treats % and _ as themselves on both databases: they are escaped with a
 * backslash and the ESCAPE clause is explicit (SQLite's LIKE has no default escape character).
 */
export function containsText(column: Expression<string | null>, needle: string): Expression<SqlBool> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}
