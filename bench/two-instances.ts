/**
 * Two server processes on one PostgreSQL database: a session made on instance A is used on instance
 * B (sessions live in the database), audited client reads are driven at one instance and then at both
 * at once, and `ipt audit verify` must find the chains intact afterwards (both processes append to the
 * organization's chains, each append holding a chain head no other transaction holds).
 *
 *   npm run bench:two -- --data-dir bench/out/seed-pg-10000 [--duration 10] [--no-write]
 */
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { clinicianFixtures } from './lib/fixtures';
import { arg, databaseEnv, flag, loadManifest, machine, machineBusy, ROOT, signIn, startServer, table, writeSection, type RunningServer, type SignedIn } from './lib/harness';

async function reads(servers: RunningServer[], sessions: SignedIn[], clientIds: string[][], duration: number, connections: number): Promise<{ rps: number; p99: number; non2xx: number; busy: number }> {
  let i = 0;
  const busy = machineBusy();
  const results = await Promise.all(servers.map((server) => autocannon({
    url: server.url, connections: Math.floor(connections / servers.length), duration,
    requests: [{
      setupRequest: (req: autocannon.Request): autocannon.Request => {
        i += 1;
        const k = i % sessions.length;
        return { ...req, method: 'GET', path: `/api/v1/clients/${clientIds[k]![i % clientIds[k]!.length]}`, headers: { cookie: sessions[k]!.cookie } };
      },
    }],
  })));
  return { rps: results.reduce((a, r) => a + r.requests.average, 0), p99: Math.max(...results.map((r) => r.latency.p99)), non2xx: results.reduce((a, r) => a + r.non2xx, 0), busy: busy() };
}

async function main() {
  const dataDir = arg('data-dir', 'bench/out/seed-pg-10000')!;
  const duration = Number(arg('duration', '10'));
  const connections = Number(arg('connections', '50'));
  const manifest = loadManifest(dataDir);
  if (manifest.dialect !== 'postgres') throw new Error('two instances need a PostgreSQL seed (npm run bench:seed -- --database-url postgres://…/ipt_bench)');
  const fixtures = (await clinicianFixtures(manifest, 10)).filter((f) => f.clientIds.length > 0);
  const a = await startServer(databaseEnv(manifest));
  const b = await startServer(databaseEnv(manifest));
  try {
    const sessions: SignedIn[] = [];
    for (const f of fixtures) sessions.push(await signIn(a.url, f.email, manifest.password));
    // A session made on A is valid on B.
    const onB = await fetch(`${b.url}/api/v1/auth/session`, { headers: { cookie: sessions[0]!.cookie } });
    const crossValid = onB.status === 200;
    console.log(`session from instance A used on instance B: ${onB.status}`);
    const ids = fixtures.map((f) => f.clientIds);
    const one = await reads([a], sessions, ids, duration, connections);
    console.log(`one instance: ${one.rps.toFixed(0)} req/s, p99 ${one.p99} ms, machine ${(100 * one.busy).toFixed(0)} % busy`);
    const two = await reads([a, b], sessions, ids, duration, connections);
    console.log(`two instances: ${two.rps.toFixed(0)} req/s, p99 ${two.p99} ms, machine ${(100 * two.busy).toFixed(0)} % busy`);
    await a.stop();
    await b.stop();
    const verify = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', 'verify'], { cwd: ROOT, env: { ...process.env, ...databaseEnv(manifest) }, encoding: 'utf8' });
    const verified = verify.status === 0;
    console.log(`${verify.stdout}${verify.stderr}`.trim());
    const scale = two.rps / one.rps;
    const body = [
      `### Two instances on one PostgreSQL — ${manifest.counts.client?.toLocaleString('en')} clients`,
      '',
      `Machine: ${machine()}. Both server processes, PostgreSQL and the load generator share the same cores ("all cores busy": the whole machine's CPU use during the run, from /proc/stat). Audited client reads (GET /api/v1/clients/:id), ${connections} connections in all, ${duration} s per run.`,
      '',
      table(['run', 'req/s', 'p99 ms', 'non-2xx', 'all cores busy'], [['one instance', one.rps.toFixed(0), one.p99, one.non2xx, `${(100 * one.busy).toFixed(0)} %`], ['two instances', two.rps.toFixed(0), two.p99, two.non2xx, `${(100 * two.busy).toFixed(0)} %`]]),
      '',
      `Scaling ${scale.toFixed(2)}× (target ≥ 1.6×: ${scale >= 1.6 ? 'met' : 'missed'}). A session signed in on instance A ${crossValid ? 'was accepted' : 'was NOT accepted'} by instance B. `
        + `\`ipt audit verify\` afterwards: ${verified ? 'chains intact' : 'BROKEN'}.`,
      '',
      `Rerun: \`npm run bench:two -- --data-dir ${dataDir}\`.`,
    ].join('\n');
    console.log(`\n${body}`);
    if (!flag('no-write')) writeSection(`two-instances-${manifest.counts.client}`, body);
  } finally {
    await a.stop();
    await b.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:two: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
