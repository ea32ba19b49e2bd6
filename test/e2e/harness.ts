/**
 * Browser-journey harness: builds the web app when needed, runs the real server on a free port
 * with a fresh data directory, drives Debian's Chromium through playwright-core, checks pages with
 * axe-core and saves screenshots at desktop and phone widths. Everything a journey needs, nothing
 * it has to know about processes or paths.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';

/** The repository root (two levels above this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where screenshots and server logs go (git-ignored). */
export const resultsDir = path.join(repoRoot, 'test-results');
/** Screenshots, named `<page>-1280.png` and `<page>-360.png`. */
export const screenshotDir = path.join(resultsDir, 'screenshots');

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/**
 * Where this run's web build goes: dist/web, or `E2E_WEB_OUT` when several people run browser tests
 * in one working tree at once (each build would otherwise replace the files another run serves).
 */
export const webOut = process.env.E2E_WEB_OUT ? path.resolve(repoRoot, process.env.E2E_WEB_OUT) : path.join(repoRoot, 'dist/web');

/**
 * Build the web app with `npx vite build` when it is missing or older than anything in src/web (or the
 * Vite config), so that the journey always tests the current web code.
 */
export function ensureWebBuild(): void {
  const built = path.join(webOut, 'index.html');
  const sources = Math.max(newestMtime(path.join(repoRoot, 'src/web')), newestMtime(path.join(repoRoot, 'src/contracts')), newestMtime(path.join(repoRoot, 'src/domain')), newestMtime(path.join(repoRoot, 'vite.config.ts')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  // A production bundle, whatever NODE_ENV the test runner set: npm start may serve this build later.
  execFileSync('npx', ['vite', 'build', '--outDir', webOut, '--emptyOutDir'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A server child process started for one test file. */
export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  logFile: string;
  stop: () => Promise<void>;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Start `node --import tsx src/server/main.ts` on 127.0.0.1 and a free port with a fresh temporary
 * IPT_DATA_DIR, and wait until GET /readyz answers 200. Its output goes to test-results/.
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-e2e-'));
  fs.mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, `e2e-server-${port}.log`);
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, IPT_HOST: '127.0.0.1', IPT_PORT: String(port), IPT_DATA_DIR: dataDir, IPT_LOG_LEVEL: 'warn', IPT_WEB_ROOT: webOut, ...extraEnv },
    stdio: ['ignore', log, log],
  });
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 10_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited during start-up (code ${child.exitCode}). Log:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return { baseUrl, dataDir, logFile, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`The server did not become ready within 60 s. Log:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
}

/** Debian's Chromium, headless, with the flags this machine needs (no sandbox as root, no background networking). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser profile (cookies, storage) at desktop size: one per person in a journey. */
export function newPerson(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
}

/**
 * Collect what should never happen on a page: uncaught errors and CSP violations. Chromium also logs
 * expected HTTP errors (401 on the session probe, 404 for a foreign record) as "Failed to load
 * resource"; those are the API answering, not the page failing, so they are left out.
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (text.startsWith('Failed to load resource')) return;
    problems.push(`console error: ${text}`);
  });
  return { problems };
}

const requireFromHere = createRequire(import.meta.url);
let axeSource: string | null = null;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Run axe-core in the page and fail on any violation, listing rule, impact and elements.
 *
 * How axe gets in despite the CSP: the server sends `script-src 'self'`, so page.addScriptTag()
 * (which inserts an inline <script> with the file's content, also when given a `path`) would be
 * blocked, and the alternative, a context with `bypassCSP: true`, would switch the CSP off for the
 * whole journey and hide real violations by our own code. page.evaluate() runs through the DevTools
 * protocol, which the page's CSP does not govern, so the library is evaluated that way and the CSP
 * stays fully in force for the app.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  axeSource ??= fs.readFileSync(requireFromHere.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  });
  if (violations.length > 0) {
    const report = violations
      .map((violation) => `- ${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help}\n${violation.nodes.map((node) => `    ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`.replace(/\n/g, ' ')).join('\n')}`)
      .join('\n');
    throw new Error(`axe found ${violations.length} accessibility violation(s) on ${label}:\n${report}`);
  }
}

/**
 * Save full-page screenshots of the current page at 1280 px and at 360 px wide (a small phone), as
 * test-results/screenshots/<name>-1280.png and <name>-360.png, then restore the viewport.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const [width, height] of [
    [1280, 900],
    [360, 780],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${width}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.setViewportSize(original);
}

/** One API answer as a journey needs it: status, parsed JSON body ({} when empty) and the ETag. */
export interface ApiAnswer {
  status: number;
  json: Record<string, unknown>;
  etag: string;
}

/**
 * A signed-in API caller for seeding a journey quickly: keeps the session cookie and the CSRF token
 * it is given (from setup, sign-in or invitation answers) and sends them like the web app does.
 */
export function apiClient(baseUrl: string) {
  let cookie = '';
  let csrf = '';
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> => {
    const all: Record<string, string> = { accept: 'application/json', ...headers };
    if (body !== undefined) all['content-type'] = 'application/json';
    if (cookie) all.cookie = cookie;
    if (csrf && method !== 'GET') all['x-csrf-token'] = csrf;
    const response = await fetch(baseUrl + path, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0] ?? '';
    const text = await response.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (typeof json.csrfToken === 'string') csrf = json.csrfToken;
    return { status: response.status, json, etag: response.headers.get('etag') ?? '' };
  };
}

/** Accept an invitation in the browser: open the link, give a name and a password, land on the caseload. */
export async function acceptInvitation(page: Page, link: string, person: { name: string; password: string }): Promise<void> {
  await page.goto(link);
  await page.getByRole('heading', { level: 1, name: en.auth.invite.title }).waitFor();
  await page.getByLabel(en.auth.invite.name, { exact: true }).fill(person.name);
  await page.getByLabel(en.auth.invite.password, { exact: true }).fill(person.password);
  await page.getByRole('button', { name: en.auth.invite.submit }).click();
  await page.waitForURL('**/clients');
}

/** Axe on the page as it stands, then its screenshots at both widths (every journey's page check). */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  await screenshot(page, name);
}

/** A page's heading by its accessible name (level 1 unless given). */
export const heading = (page: Page, name: string | RegExp, level = 1) => page.getByRole('heading', { level, name });

/** Fills an i18n template's {{placeholders}} as the web app shows them. */
export const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));

/** First-run setup through the API: the organization and its administrator, who is then signed in on `call`. */
export async function setUpOrganization(call: ReturnType<typeof apiClient>, admin: { name: string; email: string; password: string }, organizationName = 'Harbour Street Counselling'): Promise<void> {
  const answer = await call('POST', '/api/v1/setup', { organizationName, adminName: admin.name, adminEmail: admin.email, adminPassword: admin.password });
  if (answer.status !== 201) throw new Error(`setup answered ${answer.status}: ${JSON.stringify(answer.json)}`);
}
