/**
 * Mixed workload with autocannon on 127.0.0.1: 50 connections, signed-in counsellors, bounded
 * duration, the server's resident memory sampled every 250 ms. Three runs:
 *   1. mixed — 35 % client reads, 25 % episode pages with chart, 25 % caseload pages, 15 % PHQ-9 submissions;
 *   2. audited reads only (GET /api/v1/clients/:id);
 *   3. a bare Fastify route answering the same JSON size (bench/bare-server.ts), the ceiling of this stack.
 * The audited read throughput is reported as a share of the bare one.
 *
 *   npm run bench:mixed -- --data-dir bench/out/seed-10000 [--duration 15] [--connections 50] [--no-write] [--per-endpoint] [--rate 600]
 *
 * `--rate N` holds the mixed and audited-read runs to N requests a second in all (the bare route still
 * runs flat out): below saturation the CPU time per request is not inflated by threads queueing for a
 * core, so two versions of the code can be compared on a busy 2-core machine. Such runs do not count
 * for the throughput target and are never written to docs/performance.md.
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { PHQ9_SUBMISSION, readersAndWriters } from './lib/fixtures';
import { arg, databaseEnv, flag, numberArg, loadManifest, machine, machineBusy, ROOT, signIn, startServer, table, writeSection, type RunningServer, type SignedIn } from './lib/harness';

interface RunFigures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
  peakRssMiB: number;
  /** Server CPU time per request, ms (all threads), and the share of one core the server used. */
  cpuPerRequest: number;
  coreShare: number;
  /** Main-thread (event loop) CPU time per request, ms: the part that cannot spread over cores. */
  mainCpuPerRequest: number;
  /** How busy all the machine's cores were during the run (0–1). */
  machineBusy: number;
}

type Req = autocannon.Request & { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string };

async function run(name: string, server: RunningServer, duration: number, connections: number, next: () => Req, rate?: number): Promise<RunFigures> {
  let peak = server.rssMiB();
  const sampler = setInterval(() => { peak = Math.max(peak, server.rssMiB()); }, 250);
  const cpuBefore = server.cpuMs();
  const mainBefore = server.mainThreadCpuMs();
  const busy = machineBusy();
  const started = Date.now();
  const result = await autocannon({
    url: server.url, connections, duration, ...(rate !== undefined ? { overallRate: rate } : {}),
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...next() }) }],
  });
  clearInterval(sampler);
  const cpu = server.cpuMs() - cpuBefore;
  const mainCpu = server.mainThreadCpuMs() - mainBefore;
  const elapsed = Date.now() - started;
  const figures: RunFigures = {
    name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts,
    non2xx: result.non2xx, total: result.requests.total, peakRssMiB: peak,
    cpuPerRequest: cpu / Math.max(1, result.requests.total), coreShare: cpu / Math.max(1, elapsed), machineBusy: busy(),
    mainCpuPerRequest: mainCpu / Math.max(1, result.requests.total),
  };
  console.log(`${name}: ${figures.rps.toFixed(0)} req/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.non2xx} non-2xx, ${figures.errors} errors, peak RSS ${figures.peakRssMiB.toFixed(0)} MiB, server CPU ${figures.cpuPerRequest.toFixed(2)} ms/request (main thread ${figures.mainCpuPerRequest.toFixed(2)}; ${(100 * figures.coreShare).toFixed(0)} % of a core), machine ${(100 * figures.machineBusy).toFixed(0)} % busy`);
  return figures;
}

async function main() {
  const dataDir = arg('data-dir', 'bench/out/seed-10000')!;
  const duration = Number(arg('duration', '15'));
  const connections = Number(arg('connections', '50'));
  const warmup = numberArg('warmup', 5, { min: 0, what: 'a number of seconds, 0 or more' })!;
  const rate = numberArg('rate', undefined, { integer: true, min: 1, what: 'a whole number of requests a second, 1 or more' });
  const manifest = loadManifest(dataDir);
  // Reads as 20 counsellors; submissions as 20 others, so the pages read do not grow run after run.
  const { readers: fixtures, writers } = await readersAndWriters(manifest, 20);
  const results: RunFigures[] = [];
  let readBytes = 600;
  const server = await startServer(databaseEnv(manifest));
  try {
    const sessions: SignedIn[] = [];
    for (const f of fixtures) sessions.push(await signIn(server.url, f.email, manifest.password));
    const writerSessions: SignedIn[] = [];
    for (const f of writers) writerSessions.push(await signIn(server.url, f.email, manifest.password));
    let i = 0;
    const who = () => {
      i += 1;
      const k = i % fixtures.length;
      return { k, f: fixtures[k]!, s: sessions[k]!, n: Math.floor(i / fixtures.length) };
    };
    const submission = ({ k, n }: ReturnType<typeof who>): Req => {
      const w = writers[k % writers.length]!;
      const s = writerSessions[k % writers.length]!;
      return { method: 'POST', path: `/api/v1/sessions/${w.draftSessionIds[n % w.draftSessionIds.length]}/measures`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: PHQ9_SUBMISSION };
    };
    const probe = await fetch(`${server.url}/api/v1/clients/${fixtures[0]!.clientIds[0]}`, { headers: { cookie: sessions[0]!.cookie } });
    readBytes = (await probe.text()).length;
    const mixedRequest = (): Req => {
      const x = who();
      const { f, s, n } = x;
      const roll = (i * 7919) % 100;
      if (roll < 35) return { method: 'GET', path: `/api/v1/clients/${f.clientIds[n % f.clientIds.length]}`, headers: { cookie: s.cookie } };
      if (roll < 60) return { method: 'GET', path: `/api/v1/episodes/${f.episodeIds[n % f.episodeIds.length]}`, headers: { cookie: s.cookie } };
      if (roll < 85) return { method: 'GET', path: '/api/v1/clients?status=active', headers: { cookie: s.cookie } };
      return submission(x);
    };
    // Unmeasured: the first seconds of a fresh server compile its code and prepare each statement on
    // each pooled connection; the figures are for a server that has been running.
    if (warmup > 0) await autocannon({ url: server.url, connections, duration: warmup, requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, ...mixedRequest() }) }] });
    results.push(await run('mixed workload', server, duration, connections, mixedRequest, rate));
    if (flag('per-endpoint')) {
      // Server CPU per request of each kind on its own: where the mixed workload's time goes.
      const kinds: Array<[string, (x: ReturnType<typeof who>) => Req]> = [
        ['client read', ({ f, s, n }) => ({ method: 'GET', path: `/api/v1/clients/${f.clientIds[n % f.clientIds.length]}`, headers: { cookie: s.cookie } })],
        ['episode page', ({ f, s, n }) => ({ method: 'GET', path: `/api/v1/episodes/${f.episodeIds[n % f.episodeIds.length]}`, headers: { cookie: s.cookie } })],
        ['caseload', ({ s }) => ({ method: 'GET', path: '/api/v1/clients?status=active', headers: { cookie: s.cookie } })],
        ['PHQ-9 submission', submission],
      ];
      for (const [name, make] of kinds) await run(`${name} only`, server, Math.min(duration, 8), connections, () => make(who()));
    }
    results.push(await run('audited client reads only', server, duration, connections, () => {
      const { f, s, n } = who();
      return { method: 'GET', path: `/api/v1/clients/${f.clientIds[n % f.clientIds.length]}`, headers: { cookie: s.cookie } };
    }, rate));
  } finally {
    await server.stop();
  }
  const bare = await startServer({ BENCH_BARE_BYTES: String(readBytes) }, path.join(ROOT, 'bench', 'bare-server.ts'));
  try {
    results.push(await run(`bare Fastify route, ${readBytes} bytes of JSON`, bare, duration, connections, () => ({ method: 'GET', path: '/bare', headers: {} })));
  } finally {
    await bare.stop();
  }
  const [mixed, reads, baseline] = results as [RunFigures, RunFigures, RunFigures];
  const ratio = reads.rps / baseline.rps;
  const verdicts = [
    `throughput ≥ 1,000 req/s: ${mixed.rps >= 1000 ? 'met' : `missed (${mixed.rps.toFixed(0)} req/s, ${(100 * (1 - mixed.rps / 1000)).toFixed(0)} % short)`}`,
    `p99 ≤ 100 ms: ${mixed.p99 <= 100 ? 'met' : `missed by ${mixed.p99 - 100} ms`}`,
    `server memory ≤ 300 MB: ${mixed.peakRssMiB * 1.048576 <= 300 ? 'met' : 'missed'} (peak ${(mixed.peakRssMiB * 1.048576).toFixed(0)} MB)`,
    `audited reads ≥ 25 % of bare: ${ratio >= 0.25 ? 'met' : 'missed'} (${(100 * ratio).toFixed(1)} %)`,
  ];
  const body = [
    `### Mixed workload — ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${manifest.counts.client?.toLocaleString('en')} clients`,
    '',
    `Machine: ${machine()}. autocannon, ${connections} connections, ${duration} s per run (the mixed run after ${warmup} s of the same mix, unmeasured), ${fixtures.length} signed-in counsellors reading and ${writers.length} others submitting, one server process as npm start runs it (compiled bundle, MALLOC_ARENA_MAX=2, --max-old-space-size=192, log level warn) on 127.0.0.1; RSS sampled every 250 ms; server CPU from /proc (all its threads, including the disk-flush and checkpoint threads). `
      + 'Mixed = 35 % client reads, 25 % episode pages with chart, 25 % caseload pages, 15 % PHQ-9 submissions; every request is authenticated, authorized and audited.',
    '',
    table(['run', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'peak RSS MiB', 'server CPU ms/request', 'main thread CPU ms/request', 'server CPU, share of one core', 'all cores busy'],
      results.map((r) => [r.name, r.rps.toFixed(0), r.p50, r.p99, r.total, r.non2xx, r.errors, r.peakRssMiB.toFixed(0), r.cpuPerRequest.toFixed(2), r.mainCpuPerRequest.toFixed(2), `${(100 * r.coreShare).toFixed(0)} %`, `${(100 * r.machineBusy).toFixed(0)} %`])),
    '',
    // A run held to a fixed rate measures cost per request, not what the server can take: no throughput verdicts.
    rate !== undefined
      ? `The mixed and audited-read runs were held to ${rate} req/s: figures of cost per request, not of throughput, so no verdicts.`
      : `Audited read throughput is **${(100 * ratio).toFixed(1)} %** of the bare Fastify route. ${verdicts.join('; ')}.`,
    '',
    `Rerun: \`npm run bench:mixed -- --data-dir ${dataDir}\`.`,
  ].join('\n');
  console.log(`\n${body}`);
  if (!flag('no-write') && rate === undefined) writeSection(`mixed-${manifest.dialect}-${manifest.counts.client}`, body);
}

main().catch((error: unknown) => {
  console.error(`bench:mixed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
