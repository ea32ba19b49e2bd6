/**
 * Stored XSS sweep (security-reference §8 row 21): XSS vectors are stored through the API in the
 * free-text fields a clinician fills (client name and details, session note sections, process note,
 * inventory, timeline, workspace, worksheets, formulation, contract, task, risk flag reason, safety
 * plan, termination note, relapse-prevention plan), then every page that shows
 * them is opened in Chromium. Each vector, if it ever ran, would open a dialog or set a global; the
 * test listens for dialogs, page errors and Content-Security-Policy violations: all must be 0.
 * Run: E2E_WEB_OUT=dist/web-xss npx vitest run --config vitest.e2e.config.ts test/e2e/xss.e2e.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from './harness';
import { acceptInvitation, apiClient, ensureWebBuild, expectNoAxeViolations, launchBrowser, newPerson, screenshot, setUpOrganization, startServer, watchPage } from './harness';

const VECTORS = [
  '<script>window.__xss=1;alert(1)</script>',
  '<img src=x onerror="window.__xss=1;alert(1)">',
  '<svg onload="window.__xss=1;alert(1)">',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  'javascript:alert(1)',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '{{constructor.constructor(\'alert(1)\')()}}',
  '${alert(1)}',
  '<style>@import "javascript:alert(1)"</style>',
  '<input autofocus onfocus=alert(1)>',
  '<object data="javascript:alert(1)">',
  '</textarea><script>alert(1)</script>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '\u202E<script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</script>',
];

const admin = { name: 'Ines Admin', email: 'ines@xss.example', password: 'xss sweep admin passphrase' };
const clinician = { name: 'Jonas Clinician', email: 'jonas@xss.example', password: 'xss sweep clinician passphrase' };

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: { problems: string[] };
let dialogs = 0;

/** A JSON call from inside the page, with the page's session and CSRF token. */
function pageApi(method: string, path: string, body?: unknown, ifMatch?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, path, body, ifMatch }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    { method, path, body, ifMatch },
  );
}

describe('stored XSS sweep', () => {
  const pages: Array<{ name: string; path: string }> = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const call = apiClient(server.baseUrl);
    await setUpOrganization(call, admin, 'Sweep Clinic');
    const invite = await call('POST', '/api/v1/invitations', { email: clinician.email, role: 'clinician' });
    expect(invite.status).toBe(201);

    context = await newPerson(browser);
    // Any vector that runs sets this, calls alert, or is blocked by the CSP: all three are counted.
    await context.addInitScript(() => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page = await context.newPage();
    watched = watchPage(page);
    page.on('dialog', (dialog) => { dialogs += 1; void dialog.dismiss(); });
    await acceptInvitation(page, String(invite.json.link), clinician);

    // One client per vector (the caseload shows every name), the first with a full record.
    const clientIds: string[] = [];
    for (const vector of VECTORS) {
      const created = await pageApi('POST', '/api/v1/clients', { displayName: vector.slice(0, 200), preferredName: vector, pronouns: vector.slice(0, 40), dateOfBirth: '1990-01-01' });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      clientIds.push(String(created.json.id));
    }
    const clientId = clientIds[0]!;
    const v = (i: number) => VECTORS[i % VECTORS.length]!;
    const today = new Date().toISOString().slice(0, 10);
    const episode = await pageApi('POST', `/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: today });
    expect(episode.status).toBe(201);
    const episodeId = String(episode.json.id);
    const session = await pageApi('POST', `/api/v1/episodes/${episodeId}/sessions`, { startsAt: new Date().toISOString() });
    expect(session.status).toBe(201);
    const sessionId = String(session.json.id);
    const stored = [
      await pageApi('PATCH', `/api/v1/sessions/${sessionId}`, { note: { moodCheckIn: v(1), assessment: v(3), inventoryAndFocus: v(4), riskReview: v(5), plan: v(6) } }, `"${String(session.json.version)}"`),
      await pageApi('POST', `/api/v1/sessions/${sessionId}/process-notes`, { text: v(7) }),
      await pageApi('POST', `/api/v1/episodes/${episodeId}/inventory`, { label: v(8).slice(0, 100), relationshipType: 'friend', goodThings: v(9) }),
      await pageApi('POST', `/api/v1/episodes/${episodeId}/timeline/events`, { date: today, title: v(10).slice(0, 200), kind: 'other' }),
      await pageApi('POST', `/api/v1/sessions/${sessionId}/tasks`, { what: v(11) }),
      await pageApi('POST', `/api/v1/clients/${clientId}/risk-flags`, { level: 'low', reason: v(12) }),
      await pageApi('PUT', `/api/v1/clients/${clientId}/safety-plan`, { plan: { warningSigns: [v(13)], internalCopingStrategies: [v(14)] } }, '"0"'),
    ];
    for (const answer of stored) expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(300);
    const workspace = await pageApi('POST', `/api/v1/episodes/${episodeId}/workspaces`, { area: 'grief', person: v(15).slice(0, 100) });
    const flagId = String(stored[5]!.json.id);
    // Worksheets, formulation, contract, termination note and relapse-prevention plan carry the vectors too.
    const worksheet = await pageApi('POST', `/api/v1/sessions/${sessionId}/worksheets`, {
      kind: 'communication-analysis',
      payload: { date: today, otherPerson: v(16).slice(0, 100), wanted: v(17), steps: [{ who: 'client', said: v(18), feeling: v(19).slice(0, 100) }, { who: 'other', said: v(0) }], outcome: v(1), wentWrong: ['other'], wentWrongNote: v(2), alternativeWording: v(3), mood: 4 },
    });
    const decision = await pageApi('POST', `/api/v1/sessions/${sessionId}/worksheets`, {
      kind: 'decision-analysis',
      payload: { problem: v(4), goal: v(5), options: [{ option: v(6).slice(0, 200), pros: [v(7).slice(0, 200)], cons: [v(8).slice(0, 200)] }], chosenOptionIndex: 0, firstStep: v(9), obstacles: [v(10).slice(0, 200)] },
    });
    const records = [
      worksheet, decision,
      await pageApi('PUT', `/api/v1/episodes/${episodeId}/formulation`, { areas: [{ area: 'grief', person: v(11).slice(0, 200) }], rationale: v(12), goals: [v(13).slice(0, 300)], statement: v(14) }, '"0"'),
      await pageApi('PUT', `/api/v1/episodes/${episodeId}/contract`, { contractedSessions: 12, frequency: 'weekly', sessionLengthMinutes: 50, problemAreas: ['grief'], goals: [{ text: v(15).slice(0, 300), howProgressWillBeSeen: v(16) }], measures: [], participants: [], missedSessionRule: v(17), crisisPlan: v(18) }, '"0"'),
      await pageApi('PUT', `/api/v1/episodes/${episodeId}/termination`, { feelingsAboutEnding: v(19), whatRemains: v(0), clientViewOfChange: v(1), goals: [{ text: v(2).slice(0, 300), status: 'partly' }] }, '"0"'),
      await pageApi('PUT', `/api/v1/episodes/${episodeId}/relapse-plan`, { plan: { warningSigns: [v(3).slice(0, 200)], triggers: [v(4).slice(0, 200)], strategies: [v(5).slice(0, 200)], people: [{ name: v(6).slice(0, 100), phone: '0800 000 000', note: v(7).slice(0, 200) }], whenToSeekHelp: v(8), crisisContacts: [], boosterPlan: v(9) } }, '"0"'),
    ];
    for (const answer of records) expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(300);
    pages.push(
      { name: 'caseload', path: '/clients' }, { name: 'client', path: `/clients/${clientId}` }, { name: 'episode', path: `/episodes/${episodeId}` },
      { name: 'session', path: `/sessions/${sessionId}` }, { name: 'session-work', path: `/sessions/${sessionId}/work` },
      { name: 'inventory', path: `/episodes/${episodeId}/inventory` }, { name: 'timeline', path: `/episodes/${episodeId}/timeline` },
      { name: 'workspaces', path: `/episodes/${episodeId}/workspaces` }, { name: 'risk-flag', path: `/risk-flags/${flagId}` },
      { name: 'safety-plan', path: `/clients/${clientId}/safety-plan` }, { name: 'today', path: '/today' },
      ...(workspace.status === 201 ? [{ name: 'workspace', path: `/workspaces/${String(workspace.json.id)}` }] : []),
      { name: 'worksheet-communication', path: `/worksheets/${String(worksheet.json.id)}` }, { name: 'worksheet-decision', path: `/worksheets/${String(decision.json.id)}` },
      { name: 'formulation', path: `/episodes/${episodeId}/formulation` }, { name: 'contract', path: `/episodes/${episodeId}/contract` },
      { name: 'termination', path: `/episodes/${episodeId}/termination` },
    );
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('serves a Content-Security-Policy without unsafe-inline', async () => {
    const csp = (await fetch(`${server.baseUrl}/clients`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('shows every stored vector as text on every page, and none of them runs', async () => {
    const results: string[] = [];
    for (const target of pages) {
      await page.goto(server.baseUrl + target.path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const state = await page.evaluate(() => ({
        ran: (window as unknown as { __xss?: number }).__xss ?? 0,
        csp: (window as unknown as { __cspViolations: string[] }).__cspViolations,
        scripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
      }));
      results.push(`${target.name}: ran ${state.ran}, CSP violations ${state.csp.length}, inline scripts ${state.scripts}`);
      expect(state.ran, target.name).toBe(0);
      expect(state.csp, target.name).toEqual([]);
      expect(state.scripts, target.name).toBe(0);
      await expectNoAxeViolations(page, `xss-${target.name}`);
    }
    // The vectors are really on the pages, as text.
    await page.goto(`${server.baseUrl}/clients`);
    await page.getByText(VECTORS[0]!).first().waitFor();
    await screenshot(page, 'xss-caseload');
    console.log(`stored XSS sweep: ${VECTORS.length} vectors, ${pages.length} pages; ${results.join('; ')}; dialogs ${dialogs}`);
    expect(dialogs).toBe(0);
    expect(watched.problems.filter((p) => /page error/.test(p))).toEqual([]);
  });

  it('would notice a vector that reached the page as HTML (control: one forced in through innerHTML)', async () => {
    await page.goto(`${server.baseUrl}/clients`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.evaluate(() => {
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.__xss=1">';
      document.body.append(holder);
    });
    await page.waitForTimeout(300);
    const state = await page.evaluate(() => ({ ran: (window as unknown as { __xss?: number }).__xss ?? 0, csp: (window as unknown as { __cspViolations: string[] }).__cspViolations }));
    // The CSP blocks the inline handler, and the sweep's listener sees the attempt.
    expect(state.ran).toBe(0);
    expect(state.csp.length).toBeGreaterThan(0);
  });
});
