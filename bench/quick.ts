/**
 * `npm run bench`: the quick set on a small organization (1,000 clients, seeded into
 * bench/out/seed-1000 when missing) — latency per endpoint, operations, and a short mixed workload.
 * Prints figures only; the figures in docs/performance.md come from the long set (see that page).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib/harness';

const dataDir = path.join('bench', 'out', 'seed-1000');
const step = (args: string[]) => {
  console.log(`\n$ tsx ${args.join(' ')}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!fs.existsSync(path.join(ROOT, dataDir, 'seed.json'))) step(['bench/seed.ts', '--clients', '1000', '--data-dir', dataDir, '--force']);
step(['bench/latency.ts', '--data-dir', dataDir, '--requests', '200', '--no-write']);
step(['bench/ops.ts', '--data-dir', dataDir, '--no-write']);
step(['bench/mixed.ts', '--data-dir', dataDir, '--duration', '5', '--no-write']);
