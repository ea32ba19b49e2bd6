/**
 * Shared pieces of the benchmarks: the machine description, percentiles, a real server process on
 * 127.0.0.1, signing in through the API, and rewriting one section of docs/performance.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SeedManifest } from '../seed';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const PERF_DOC = path.join(ROOT, 'docs', 'performance.md');

export function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/**
 * A number given as `--name N`, or the fallback; a value that is not a number of the kind asked for
 * ends the benchmark with a message and exit code 2 instead of running with NaN.
 */
export function numberArg(name: string, fallback: number | undefined, rule: { integer?: boolean; min: number; what: string }): number | undefined {
  const given = arg(name);
  if (given === undefined) return fallback;
  const value = Number(given);
  if (!Number.isFinite(value) || value < rule.min || (rule.integer === true && !Number.isInteger(value))) {
    console.error(`--${name} must be ${rule.what} (got ${given})`);
    process.exit(2);
  }
  return value;
}

export function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/** The machine a figure was taken on: cores, memory, CPU model, Node version, date, and the load at start. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  return `${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}; `
    + `taken ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average at start ${load} (1/5/15 min)`;
}

/** Busy and total CPU ticks of the whole machine so far (first line of /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Starts measuring how busy all cores are; the returned function gives the busy share since then (0–1). */
export function machineBusy(): () => number {
  const start = machineTicks();
  return () => {
    const end = machineTicks();
    return (end.busy - start.busy) / Math.max(1, end.total - start.total);
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(samples: number[]): { n: number; p50: number; p95: number; p99: number; max: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN,
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '—');

export function loadManifest(dataDir: string): SeedManifest {
  const file = path.join(path.resolve(dataDir), 'seed.json');
  if (!fs.existsSync(file)) throw new Error(`no seeded data at ${dataDir} (run npm run bench:seed -- --clients 10000 --data-dir ${dataDir})`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedManifest;
}

/** The environment that points the app at the seeded database. */
export function databaseEnv(manifest: SeedManifest): Record<string, string> {
  return manifest.dialect === 'postgres' ? { DATABASE_URL: manifest.databaseUrl!, IPT_DATA_DIR: manifest.dataDir } : { IPT_DATA_DIR: manifest.dataDir };
}

export interface RunningServer {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resident memory of the server process in MiB (from /proc). */
  rssMiB(): number;
  /** CPU time the server process has used so far (user + system, all its threads), in ms. */
  cpuMs(): number;
  /** CPU time of the main thread alone (the event loop), in ms. */
  mainThreadCpuMs(): number;
  stop(): Promise<void>;
}

interface ServerBuild {
  buildServer: () => Promise<string>;
  serverLaunch: (env: NodeJS.ProcessEnv) => { flags: string[]; env: NodeJS.ProcessEnv };
}
let serverBuild: Promise<ServerBuild> | undefined;
let compiled: Promise<string> | undefined;
const loadServerBuild = () => (serverBuild ??= import(path.join(ROOT, 'scripts/server-build.mjs')) as Promise<ServerBuild>);

/** The server as `npm start` runs it: compiled once per benchmark process (scripts/server-build.mjs). */
export function compiledServer(): Promise<string> {
  compiled ??= loadServerBuild().then((m) => m.buildServer());
  return compiled;
}

/** utime + stime of a /proc stat file (fields 14 and 15, after the command name; clock ticks of 10 ms), in ms. */
function cpuOf(statFile: string): number {
  try {
    const fields = fs.readFileSync(statFile, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * Starts the server as its own process on 127.0.0.1 with a free port: by default the compiled
 * bundle `npm start` runs, with the same Node flags and environment; a `.ts` script
 * (bench/bare-server.ts) goes through tsx.
 */
export async function startServer(env: Record<string, string>, script?: string, nodeArgs: string[] = []): Promise<RunningServer> {
  const asStarted = script === undefined;
  script ??= await compiledServer();
  const launch = (await loadServerBuild()).serverLaunch({
    ...process.env, IPT_HOST: '127.0.0.1', IPT_PORT: '0', IPT_LOG_LEVEL: 'warn', IPT_TRUST_PROXY: 'true', IPT_API_DOCS: 'false', NODE_ENV: 'production', ...env,
  });
  // BENCH_SERVER_NODE_ARGS adds Node flags to the app server (e.g. "--cpu-prof --cpu-prof-dir=bench/out/prof").
  const extra = asStarted ? (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const child = spawn(process.execPath, [...(asStarted ? launch.flags : []), ...extra, ...nodeArgs, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: launch.env,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const pid = child.pid!;
  return {
    url, pid, child,
    rssMiB() {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
        return kb / 1024;
      } catch {
        return Number.NaN;
      }
    },
    cpuMs: () => cpuOf(`/proc/${pid}/stat`),
    mainThreadCpuMs: () => cpuOf(`/proc/${pid}/task/${pid}/stat`),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
  };
}

export interface SignedIn {
  cookie: string;
  csrf: string;
  userId: string;
}

let signIns = 0;

/**
 * Signs in through the API like the web app: the session cookie plus the CSRF token for changes.
 * Each person signs in from an address of their own (X-Forwarded-For; the bench server trusts the
 * proxy header), as counsellors on their own devices would, so the per-address sign-in limit holds.
 */
export async function signIn(url: string, email: string, password: string): Promise<SignedIn> {
  signIns += 1;
  const address = `10.${(process.pid >> 8) & 255}.${(signIns >> 8) & 255}.${signIns & 255}`;
  const response = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ email, password }) });
  if (response.status !== 200) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = (await response.json()) as { csrfToken: string; user: { id: string } };
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/**
 * Replaces (or appends) the section of docs/performance.md between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, so each benchmark rewrites only its own figures.
 */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const doc = fs.existsSync(PERF_DOC) ? fs.readFileSync(PERF_DOC, 'utf8') : '# Performance\n';
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  const next = from >= 0 && to > from ? `${doc.slice(0, from)}${block}${doc.slice(to + end.length)}` : `${doc.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(PERF_DOC, next);
  console.log(`\n(wrote the "${name}" section of docs/performance.md)`);
}

export function table(header: string[], rows: Array<Array<string | number>>): string {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
