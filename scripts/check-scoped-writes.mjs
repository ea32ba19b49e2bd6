#!/usr/bin/env node
// Every UPDATE and DELETE the server sends must be scoped by organization (security-reference §8 row 5):
// each `updateTable(...)` / `deleteFrom(...)` chain in src/server, up to its `.execute`, must name
// `organization_id`. A few tables are not organization data and are allowed (see ALLOWED).
// Usage: node scripts/check-scoped-writes.mjs [dir-or-file ...]   (default: src/server). Exit 1 on a finding.
import fs from 'node:fs';
import path from 'node:path';

/** Tables written without an organization predicate, and why. */
export const ALLOWED = {
  auth_session: 'sessions are found by the SHA-256 of a 256-bit token (or by user id, which is unique across organizations)',
  login_throttle: 'sign-in counters are keyed by account and address before anyone is signed in',
  ipt_migration: 'the migration bookkeeping of the database itself',
  ipt_migration_lock: 'the migration bookkeeping of the database itself',
};

function walk(target, out = []) {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    if (/\.(ts|mts|js|mjs)$/.test(target) && !/\.test\.ts$/.test(target)) out.push(target);
    return out;
  }
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'migrations') continue;
    walk(path.join(target, entry), out);
  }
  return out;
}

/** The findings in one source text: { line, table, call }. */
export function findUnscopedWrites(source) {
  const findings = [];
  const pattern = /\b(updateTable|deleteFrom)\(\s*(['"`])([A-Za-z_]+)\2/g;
  let match;
  while ((match = pattern.exec(source)) !== null) {
    const [, call, , table] = match;
    if (table in ALLOWED) continue;
    // The organization row itself is scoped by its id.
    const scope = table === 'organization' ? /organization_id|['"`](organization\.)?id['"`]/ : /organization_id/;
    const rest = source.slice(match.index);
    const end = rest.search(/\.execute(TakeFirst|TakeFirstOrThrow)?\(|\.compile\(/);
    const chain = end === -1 ? rest.slice(0, 2000) : rest.slice(0, end);
    if (!scope.test(chain)) {
      findings.push({ line: source.slice(0, match.index).split('\n').length, table, call });
    }
  }
  return findings;
}

function main() {
  const targets = process.argv.slice(2);
  const files = (targets.length > 0 ? targets : ['src/server']).flatMap((t) => walk(t));
  let count = 0;
  for (const file of files) {
    for (const f of findUnscopedWrites(fs.readFileSync(file, 'utf8'))) {
      count += 1;
      console.error(`${file}:${f.line}: ${f.call}('${f.table}') has no organization_id predicate`);
    }
  }
  if (count > 0) {
    console.error(`\n${count} unscoped write(s). Add .where('organization_id', '=', …) or, if the table holds no organization data, add it to ALLOWED in scripts/check-scoped-writes.mjs with the reason.`);
    process.exit(1);
  }
  console.log(`scoped writes: ${files.length} files checked, every updateTable/deleteFrom is scoped by organization_id`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
