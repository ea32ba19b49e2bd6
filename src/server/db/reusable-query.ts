import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './database';
import { preparedStatements } from './prepared-statements';

/** A value the query is built with once, standing for the parameter of that name. */
const marker = (name: string) => `\u0000ipt-param:${name}\u0000`;

interface Template {
  sql: string;
  /** For each bound parameter, the name of the caller's value, or the constant the query was built with. */
  slots: Array<{ name: string } | { constant: unknown }>;
}

/**
 * A query built and compiled once per dialect and then run with new values. Building a query with
 * Kysely's builder and compiling it costs tens of microseconds — as much as running a small indexed
 * query — and the hottest queries (the session check on every request, the audit chain head) run
 * thousands of times a second. `build` is called once with a marker string for each named parameter;
 * every marker must come out as a bound parameter (so values stay parameters, never SQL text), which
 * is checked when the template is made. Only for scalar parameters: lists (`in`) change the SQL.
 */
export function reusableQuery<P extends Record<string, string | number | null>, R>(names: ReadonlyArray<keyof P & string>, build: (db: Kysely<Database>, params: P) => Compilable<R>) {
  const templates = new WeakMap<object, Template>();
  const templateFor = (db: Kysely<Database>): Template => {
    const adapter = db.getExecutor().adapter;
    let template = templates.get(adapter);
    if (!template) {
      const params = Object.fromEntries(names.map((name) => [name, marker(name)])) as unknown as P;
      const compiled = build(db, params).compile();
      const byMarker = new Map(names.map((name) => [marker(name), name]));
      const slots = compiled.parameters.map((value) => {
        const name = typeof value === 'string' ? byMarker.get(value) : undefined;
        return name ? { name } : { constant: value };
      });
      for (const name of names) {
        if (!slots.some((slot) => 'name' in slot && slot.name === name)) throw new Error(`reusableQuery: parameter ${name} is not bound as a parameter`);
      }
      if (compiled.sql.includes('\u0000')) throw new Error('reusableQuery: a parameter was written into the SQL text');
      template = { sql: compiled.sql, slots };
      templates.set(adapter, template);
      // On PostgreSQL it runs as a named prepared statement (prepared-statements.ts).
      preparedStatements.declare(compiled.sql);
    }
    return template;
  };
  return async (db: Kysely<Database>, params: P): Promise<R[]> => {
    const template = templateFor(db);
    const values = template.slots.map((slot) => ('name' in slot ? params[slot.name] : slot.constant));
    const result = await db.executeQuery<R>(CompiledQuery.raw(template.sql, values));
    return result.rows;
  };
}
