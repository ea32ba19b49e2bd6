import { describe, expect, it } from 'vitest';
import en from './en.json';
import firstPageMessages from './first-page-messages.json';

// The web app's sources by path from src/web (`app/router.tsx`), read by the test runner.
const sources: Record<string, string> = Object.fromEntries(
  Object.entries(import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], { query: '?raw', import: 'default', eager: true })).map(([file, source]) => [file.slice(3), source]),
);

/** `features/clients/pages` + `../api/list-clients` → `features/clients/api/list-clients` */
function join(dir: string, relative: string): string {
  const parts = dir.split('/').filter(Boolean);
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** Every module of src/web that main.tsx imports, directly or not, without `import()`: the first script. */
function firstScriptModules(): string[] {
  const seen = new Set<string>();
  const queue = ['main.tsx'];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Static imports and re-exports; `import type` brings no code, `import(…)` is a file of its own.
    for (const match of sources[file]!.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/gm)) {
      const base = join(file.split('/').slice(0, -1).join('/'), match[1]!);
      const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ending) => base + ending).find((candidate) => candidate in sources);
      if (found) queue.push(found);
    }
  }
  return [...seen];
}

/** Catalogue keys a module names: t('…'), i18next.t('…'), labelKey: '…' (for a key built with `${…}`, the part before it). */
function keysIn(source: string): string[] {
  const keys: string[] = [];
  for (const match of source.matchAll(/\bt\(\s*['"`]([A-Za-z]+\.[^'"`$]*)/g)) keys.push(match[1]!);
  for (const match of source.matchAll(/\b(?:labelKey|i18nKey)\s*[:=]\s*['"`]([A-Za-z]+\.[^'"`$]*)/g)) keys.push(match[1]!);
  return keys;
}

const covered = (key: string) => firstPageMessages.some((part) => key === part || key.startsWith(`${part}.`));

describe('the first part of the message catalogue', () => {
  it('names only parts the catalogue has', () => {
    for (const part of firstPageMessages) {
      const value = part.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], en);
      expect(value, part).toBeTypeOf('object');
    }
  });

  it('holds every key the modules of the first script name', () => {
    const modules = firstScriptModules();
    // The walk reaches the caseload and sign-in, and stops at pages loaded on demand.
    expect(modules.some((file) => file.endsWith('caseload-page.tsx'))).toBe(true);
    expect(modules.some((file) => file.endsWith('sign-in-page.tsx'))).toBe(true);
    expect(modules.some((file) => file.endsWith('instrument-page.tsx'))).toBe(false);
    const missing = modules.flatMap((file) => keysIn(sources[file]!).filter((key) => !covered(key)).map((key) => `${file}: ${key}`));
    expect(missing).toEqual([]);
  });
});
