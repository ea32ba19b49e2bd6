// Compiles the server to one ES module (dist/server/main.mjs) that `npm start` runs with plain Node.
// Running compiled code instead of TypeScript through a loader keeps the loader, its worker thread
// and the compiler out of the server's memory (docs/performance.md). Dependencies stay in
// node_modules (native modules, fonts and data files are found there as in development), except the
// few that ship ES modules importing JSON without an import attribute, which plain Node refuses.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLED_PACKAGES = ['@zxcvbn-ts/'];

/**
 * Builds `entry` into `outfile`. The output must sit two folders below the repository root, like
 * src/server/*.ts, because the server finds dist/web relative to its own file.
 */
export async function buildServer({ entry = 'src/server/main.ts', outfile = 'dist/server/main.mjs' } = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const external = Object.keys(pkg.dependencies ?? {})
    .filter((name) => !BUNDLED_PACKAGES.some((prefix) => name.startsWith(prefix)))
    .flatMap((name) => [name, `${name}/*`]);
  const target = path.join(root, outfile);
  if (path.relative(root, path.dirname(target)).split(path.sep).length !== 2) throw new Error(`${outfile} must be two folders below the repository root`);
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...external, 'pg-native'],
    // CommonJS dependencies that are bundled may call require(); give the module one.
    banner: { js: "import { createRequire as __iptCreateRequire } from 'node:module'; const require = __iptCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    legalComments: 'none',
  };
  await build({ ...common, entryPoints: [path.join(root, entry)], outfile: target });
  // The read workers' entry (src/server/db/read-pool.ts) is compiled beside the server.
  await build({ ...common, entryPoints: [path.join(root, 'src/server/db/read-worker.ts')], outfile: path.join(path.dirname(target), 'read-worker.mjs') });
  return target;
}

/**
 * How the compiled server is started (npm start and the benchmarks), given the environment:
 * - MALLOC_ARENA_MAX=2: glibc gives each thread that allocates its own malloc arena; the thread pool
 *   (disk flushes, crypto) and V8's helper threads then hold some 70 MB of mostly idle heap. Two
 *   arenas are plenty for one event loop.
 * - --max-old-space-size=192: the server's live heap is about 60 MB; left to itself, V8 lets the old
 *   generation grow to 200 MB and more under load before collecting (resident memory 330 MB), and with
 *   a 192 MB ceiling it collects earlier at no measurable cost in throughput.
 * An operator's own MALLOC_ARENA_MAX, or --max-old-space-size in NODE_OPTIONS, wins (raise the latter
 * if the log ever shows "heap out of memory", for example for very large exports). See
 * docs/performance.md.
 */
export function serverLaunch(env = process.env) {
  const flags = /--max-old-space-size/.test(env.NODE_OPTIONS ?? '') ? [] : ['--max-old-space-size=192'];
  return { flags, env: { MALLOC_ARENA_MAX: '2', ...env } };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = await buildServer();
  console.log(`Built ${path.relative(root, out)}`);
}
