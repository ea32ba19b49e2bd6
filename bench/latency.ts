/**
 * Latency per endpoint through a real listening server on 127.0.0.1 (one request at a time, so the
 * figure is the server's own time plus the loopback): caseload, client, episode with chart,
 * questionnaire submission (scored, risk-checked, audited, committed), supervisor dashboard.
 *
 *   npm run bench:latency -- --data-dir bench/out/seed-10000 [--requests 400] [--no-write]
 */
import { performance } from 'node:perf_hooks';
import { PHQ9_SUBMISSION, readersAndWriters } from './lib/fixtures';
import { arg, databaseEnv, flag, loadManifest, machine, ms, signIn, startServer, summarize, table, writeSection } from './lib/harness';

interface Endpoint {
  name: string;
  target: number;
  request: (i: number) => { method: string; path: string; body?: string; who: 'clinician' | 'writer' | 'supervisor' };
}

async function main() {
  const dataDir = arg('data-dir', 'bench/out/seed-10000')!;
  const requests = Number(arg('requests', '400'));
  const manifest = loadManifest(dataDir);
  // Submissions as 10 other counsellors, so the episodes read do not grow run after run (lib/fixtures.ts).
  const { readers: fixtures, writers } = await readersAndWriters(manifest, 10);
  const server = await startServer(databaseEnv(manifest));
  try {
    const clinicianSessions = await Promise.all(fixtures.map((f) => signIn(server.url, f.email, manifest.password)));
    const writerSessions = await Promise.all(writers.map((f) => signIn(server.url, f.email, manifest.password)));
    const supervisor = await signIn(server.url, manifest.supervisorEmails[0]!, manifest.password);
    const pickFixture = (i: number) => i % fixtures.length;
    const endpoints: Endpoint[] = [
      { name: 'caseload (GET /api/v1/clients, 25 a page)', target: 20, request: () => ({ method: 'GET', path: '/api/v1/clients?status=active', who: 'clinician' }) },
      { name: 'client (GET /api/v1/clients/:id)', target: 30, request: (i) => ({ method: 'GET', path: `/api/v1/clients/${fixtures[pickFixture(i)]!.clientIds[i % fixtures[pickFixture(i)]!.clientIds.length]}`, who: 'clinician' }) },
      { name: 'episode with chart (GET /api/v1/episodes/:id)', target: 30, request: (i) => ({ method: 'GET', path: `/api/v1/episodes/${fixtures[pickFixture(i)]!.episodeIds[i % fixtures[pickFixture(i)]!.episodeIds.length]}`, who: 'clinician' }) },
      { name: 'PHQ-9 submission (POST /api/v1/sessions/:id/measures)', target: 15, request: (i) => ({ method: 'POST', path: `/api/v1/sessions/${writers[i % writers.length]!.draftSessionIds[i % writers[i % writers.length]!.draftSessionIds.length]}/measures`, body: PHQ9_SUBMISSION, who: 'writer' }) },
      { name: 'supervisor risk dashboard, 50 counsellors (GET /api/v1/supervision/risk-flags)', target: 100, request: () => ({ method: 'GET', path: '/api/v1/supervision/risk-flags', who: 'supervisor' }) },
      { name: 'supervised counsellors list (GET /api/v1/supervision/clinicians)', target: 100, request: () => ({ method: 'GET', path: '/api/v1/supervision/clinicians', who: 'supervisor' }) },
    ];
    const rows: Array<Array<string | number>> = [];
    for (const endpoint of endpoints) {
      const samples: number[] = [];
      let bytes = 0;
      for (let i = -Math.min(50, requests / 4); i < requests; i += 1) {
        const k = Math.abs(i);
        const r = endpoint.request(k);
        const who = r.who === 'supervisor' ? supervisor : r.who === 'writer' ? writerSessions[k % writers.length]! : clinicianSessions[pickFixture(k)]!;
        const headers: Record<string, string> = { cookie: who.cookie };
        if (r.method !== 'GET') Object.assign(headers, { 'x-csrf-token': who.csrf, 'content-type': 'application/json' });
        const t = performance.now();
        const response = await fetch(`${server.url}${r.path}`, { method: r.method, headers, ...(r.body ? { body: r.body } : {}) });
        const text = await response.text();
        const elapsed = performance.now() - t;
        if (response.status >= 300) throw new Error(`${endpoint.name}: ${response.status} ${text.slice(0, 300)}`);
        if (i >= 0) {
          samples.push(elapsed);
          bytes += text.length;
        }
      }
      const s = summarize(samples);
      const met = s.p95 <= endpoint.target ? 'met' : `missed by ${ms(s.p95 - endpoint.target)} ms`;
      rows.push([endpoint.name, s.n, ms(s.p50), ms(s.p95), ms(s.p99), Math.round(bytes / s.n), `p95 ≤ ${endpoint.target} ms: ${met}`]);
      console.log(`${endpoint.name}: p50 ${ms(s.p50)} ms, p95 ${ms(s.p95)} ms, p99 ${ms(s.p99)} ms`);
    }
    const counts = manifest.counts;
    const body = [
      `### Latency per endpoint — ${manifest.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${counts.client?.toLocaleString('en')} clients`,
      '',
      `Data: ${counts.client?.toLocaleString('en')} clients, ${counts.therapy_session?.toLocaleString('en')} sessions, ${counts.questionnaire_response?.toLocaleString('en')} responses, ${counts.audit_event?.toLocaleString('en')} audit events (\`bench/seed.ts\`). `
        + `Machine: ${machine()}. One request at a time over keep-alive HTTP to the server as npm start runs it (compiled bundle, MALLOC_ARENA_MAX=2, --max-old-space-size=192, log level warn) on 127.0.0.1; ${requests} measured requests per endpoint after a warm-up, rotating over ${fixtures.length} counsellors' records; the submissions go to the open sessions of ${writers.length} other counsellors, so the episodes read do not grow from run to run. Times in ms.`,
      '',
      table(['endpoint', 'n', 'p50', 'p95', 'p99', 'bytes', 'target'], rows),
      '',
      `Rerun: \`npm run bench:latency -- --data-dir ${dataDir}\`.`,
    ].join('\n');
    console.log(`\n${body}`);
    if (!flag('no-write')) writeSection(`latency-${manifest.dialect}-${manifest.counts.client}`, body);
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:latency: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
