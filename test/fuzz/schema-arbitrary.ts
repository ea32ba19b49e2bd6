import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries derived from the routes' zod contracts. zod-fast-check supports neither
 * zod 4 nor fast-check 4, so this walks the JSON Schema zod 4 emits (`z.toJSONSchema`, input side):
 * objects, strings (length, pattern, date, date-time, e-mail, uuid), numbers, booleans, enums,
 * unions, arrays and records. Refinements are not represented, so a "valid" value can still be
 * refused by one: the fuzzing tests only require that every answer is a 2xx or a clean 4xx.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON Schema as zod emits it: walked by keyword, untyped
export type JsonSchema = Record<string, any>;

export interface ArbitraryOptions {
  /** Real ids to use for uuid fields some of the time (so a valid body can reach the database). */
  ids?: string[];
}

export function jsonSchemaOf(schema: unknown): JsonSchema | undefined {
  if (!schema || typeof schema !== 'object' || !('_zod' in (schema as object))) return undefined;
  try {
    return z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return {};
  }
}

const DATE_TIME = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const DATE = DATE_TIME.map((s) => s.slice(0, 10));

function stringArbitrary(s: JsonSchema, options: ArbitraryOptions): fc.Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = Math.min(typeof s.maxLength === 'number' ? s.maxLength : 40, Math.max(min, 40));
  if (s.format === 'uuid' || (typeof s.pattern === 'string' && s.pattern.includes('[0-9a-fA-F]{8}'))) {
    return options.ids && options.ids.length > 0 ? fc.oneof(fc.constantFrom(...options.ids), fc.uuid()) : fc.uuid();
  }
  if (s.format === 'date-time') return DATE_TIME;
  if (s.format === 'date') return DATE;
  if (s.format === 'email') return fc.constantFrom('fuzz@test.example', 'Fuzz.Person@test.example', 'a@b.example');
  if (typeof s.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
    } catch {
      // a pattern fast-check cannot walk: fall through to plain text
    }
  }
  return fc.string({ minLength: Math.max(min, min > 0 ? min : 0), maxLength: Math.max(max, min), unit: 'grapheme' })
    .map((v) => (min > 0 && v.trim().length < min ? `${'x'.repeat(min)}${v}`.slice(0, Math.max(max, min)) : v));
}

/** An arbitrary for values the schema accepts (before refinements). */
export function arbitraryFor(schema: JsonSchema | undefined, options: ArbitraryOptions = {}, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || Object.keys(schema).filter((k) => k !== '$schema').length === 0) {
    return depth > 2 ? fc.constant(null) : fc.oneof(fc.string({ maxLength: 10 }), fc.integer({ min: 0, max: 10 }), fc.boolean(), fc.constant(null));
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives) return fc.oneof(...alternatives.map((a) => arbitraryFor(a, options, depth)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return arbitraryFor(schema.allOf[0] as JsonSchema, options, depth);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': return stringArbitrary(schema, options);
    case 'integer': return fc.integer({ min: schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -5), max: schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100) });
    case 'number': return fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 100, noNaN: true, noDefaultInfinity: true });
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': {
      const items = arbitraryFor(schema.items as JsonSchema | undefined, options, depth + 1);
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, Math.max(schema.minItems ?? 0, 3)) });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      if (Object.keys(properties).length === 0 && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        const keys = schema.propertyNames ? stringArbitrary(schema.propertyNames as JsonSchema, options) : fc.string({ minLength: 1, maxLength: 8 });
        return fc.dictionary(keys, arbitraryFor(schema.additionalProperties as JsonSchema, options, depth + 1), { maxKeys: 4 });
      }
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, sub] of Object.entries(properties)) record[name] = arbitraryFor(sub, options, depth + 1);
      return fc.record(record, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
    }
    default:
      return fc.constant(null);
  }
}

/** Odd and hostile strings: control characters, lone surrogates, direction overrides, emoji, markup, SQL. */
export const HOSTILE_STRINGS = [
  'a\u0000b', '\uD800', 'x\uDFFFy', '\u202Eevil\u202C', '👩‍👩‍👧‍👦🏳️‍🌈', 'e\u0301\u0301\u0301', '\uFEFF', '\u2028\u2029',
  '<script>alert(1)</script>', "'; drop table client; --", '${7*7}', '../../../etc/passwd', '%00', '\\', '"', ' ', '',
];

/** The object-valued top-level paths of a JSON Schema, for mutations. */
function propertyNames(schema: JsonSchema | undefined): string[] {
  return Object.keys((schema?.properties ?? {}) as object);
}

export type Mutation =
  | { kind: 'wrong-type'; field: string; value: unknown }
  | { kind: 'drop-required'; field: string }
  | { kind: 'extra-key'; field: string; value: unknown }
  | { kind: 'huge-string'; field: string }
  | { kind: 'odd-unicode'; field: string; value: string }
  | { kind: 'raw'; body: string };

/** Mutations of a valid body: wrong types, missing and extra keys, prototype keys, huge and odd strings, non-objects. */
export function mutationFor(schema: JsonSchema | undefined): fc.Arbitrary<Mutation> {
  const names = propertyNames(schema);
  const required = ((schema?.required ?? []) as string[]);
  const wrongValues = fc.constantFrom<unknown>(42, -1e308, 'text', true, null, [], [1, 'a'], { nested: { deeper: 1 } }, '1e999', 1.5);
  const options: Array<fc.Arbitrary<Mutation>> = [
    fc.record({ kind: fc.constant('extra-key' as const), field: fc.constantFrom('organization_id', 'organizationId', 'ownerId', 'owner_id', 'signedAt', 'signed_at', 'role', 'version', 'id', 'isAdmin'), value: wrongValues }),
    fc.record({
      kind: fc.constant('raw' as const),
      body: fc.constantFrom(
        '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"a":{"__proto__":{"polluted":true}}}',
        '[]', 'null', '"text"', '{bad json', `{"x":${'['.repeat(2000)}${']'.repeat(2000)}}`, '\u0000', '{"a":1,"a":2}', `{"${'k'.repeat(5000)}":1}`,
      ),
    }),
  ];
  if (names.length > 0) {
    const field = fc.constantFrom(...names);
    options.push(
      fc.record({ kind: fc.constant('wrong-type' as const), field, value: wrongValues }),
      fc.record({ kind: fc.constant('huge-string' as const), field }),
      fc.record({ kind: fc.constant('odd-unicode' as const), field, value: fc.constantFrom(...HOSTILE_STRINGS) }),
    );
  }
  if (required.length > 0) options.push(fc.record({ kind: fc.constant('drop-required' as const), field: fc.constantFrom(...required) }));
  return fc.oneof(...options);
}

/** Applies a mutation to a valid body; answers the raw request body (JSON text). */
export function applyMutation(valid: unknown, mutation: Mutation): string {
  if (mutation.kind === 'raw') return mutation.body;
  const body: Record<string, unknown> = valid && typeof valid === 'object' && !Array.isArray(valid) ? { ...(valid as Record<string, unknown>) } : {};
  switch (mutation.kind) {
    case 'wrong-type': body[mutation.field] = mutation.value; break;
    case 'drop-required': delete body[mutation.field]; break;
    case 'extra-key': body[mutation.field] = mutation.value; break;
    case 'huge-string': body[mutation.field] = 'x'.repeat(100 * 1024); break;
    case 'odd-unicode': body[mutation.field] = mutation.value; break;
  }
  return JSON.stringify(body);
}
