/**
 * The documents journey, in a real browser against the real server: an episode seeded through the
 * API (three sessions with PHQ-9 scores, an agreed formulation, a signed safety plan, a relapse-
 * prevention plan, a private process note); on the episode page the clinician records the client's
 * consent for their GP, downloads every document for the client and the discharge letter for the GP,
 * sees them in the disclosure log, downloads the safety plan from its page and withdraws the consent.
 * Every PDF is checked for its text (and never the process note), and every page of every PDF is
 * rendered to PNG with pdftoppm into test-results/screenshots/pdf-*.png. axe-core and screenshots of
 * the panel at 1280 and 360 px.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';
import { pdfPages } from '../support/pdf-text';
import type { RunningServer } from './harness';
import { acceptInvitation, ensureWebBuild, expectNoAxeViolations, launchBrowser, newPerson, resultsDir, screenshot, screenshotDir, startServer, watchPage } from './harness';

const admin = { name: 'Ines Moreau', email: 'ines@clinic.example', password: 'correct horse battery staple' };
const clinician = { name: 'Tomasz Wiśniewski', email: 'tomasz@clinic.example', password: 'a long passphrase for tomasz' };
const client = { name: 'Ngozi Adeyemi-Økland', identifier: 'HS-0107', dob: '1984-09-23' };
const gp = 'Dr Helen Park, Quay Street Practice';
const CANARY = 'CANARY-E2E-PROCESS-NOTE-5521';
const pdfDir = path.join(resultsDir, 'pdf');

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: { problems: string[] };

const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** A JSON call from inside the page, with its session cookie, CSRF token and optional headers. */
function pageApi(target: Page, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; etag: string | null; json: Record<string, unknown> }> {
  return target.evaluate(
    async ({ method, url, body, headers }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(url, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-csrf-token': session.csrfToken, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, etag: response.headers.get('etag'), json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
    },
    { method, url, body, headers },
  );
}

/** Clicks a download button, saves the file under test-results/pdf and renders its pages to PNG. */
async function download(target: Page, button: ReturnType<Page['getByRole']>, name: string): Promise<{ file: string; pages: string[]; suggested: string }> {
  const [file] = await Promise.all([target.waitForEvent('download'), button.click()]);
  fs.mkdirSync(pdfDir, { recursive: true });
  const saved = path.join(pdfDir, `${name}.pdf`);
  await file.saveAs(saved);
  for (const old of fs.readdirSync(screenshotDir).filter((f) => f.startsWith(`pdf-${name}-`))) fs.rmSync(path.join(screenshotDir, old));
  execFileSync('pdftoppm', ['-png', '-r', '60', saved, path.join(screenshotDir, `pdf-${name}`)]);
  return { file: saved, pages: await pdfPages(fs.readFileSync(saved)), suggested: file.suggestedFilename() };
}

describe('documents journey', () => {
  let episodeId = '';
  let clientId = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const setup = await fetch(`${server.baseUrl}/api/v1/setup`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organizationName: 'Quayside Counselling Service', adminName: admin.name, adminEmail: admin.email, adminPassword: admin.password }),
    });
    expect(setup.status).toBe(201);
    const adminCookie = (setup.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    const invite = await fetch(`${server.baseUrl}/api/v1/invitations`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: adminCookie, 'x-csrf-token': csrf }, body: JSON.stringify({ email: clinician.email, role: 'clinician' }),
    });
    const link = ((await invite.json()) as { link: string }).link;

    context = await newPerson(browser);
    page = await context.newPage();
    watched = watchPage(page);
    await acceptInvitation(page, link, clinician);

    const created = await pageApi(page, 'POST', '/api/v1/clients', { displayName: client.name, identifier: client.identifier, dateOfBirth: client.dob });
    expect(created.status).toBe(201);
    clientId = String(created.json.id);
    const episode = await pageApi(page, 'POST', `/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: daysAgo(28) });
    expect(episode.status).toBe(201);
    episodeId = String(episode.json.id);
    const answers = [[3, 3, 2, 3, 2, 2, 2, 1, 0], [2, 2, 2, 2, 1, 1, 2, 1, 0], [1, 1, 1, 2, 1, 1, 1, 1, 0], [1, 0, 1, 1, 0, 1, 0, 0, 0]];
    for (const [i, values] of answers.entries()) {
      const session = await pageApi(page, 'POST', `/api/v1/episodes/${episodeId}/sessions`, { startsAt: `${daysAgo(28 - 7 * i)}T10:00:00.000Z` });
      expect(session.status).toBe(201);
      const id = String(session.json.id);
      const measure = await pageApi(page, 'POST', `/api/v1/sessions/${id}/measures`, { instrumentId: 'phq-9', answers: { ...Object.fromEntries(values!.map((v, n) => [String(n + 1), v])), 10: 1 } });
      expect(measure.status).toBe(201);
      const read = await pageApi(page, 'GET', `/api/v1/sessions/${id}`);
      expect((await pageApi(page, 'PATCH', `/api/v1/sessions/${id}`, { attendance: 'attended' }, { 'if-match': read.etag! })).status).toBe(200);
      if (i === 0) expect((await pageApi(page, 'POST', `/api/v1/sessions/${id}/process-notes`, { text: `Private thoughts ${CANARY}` })).status).toBe(201);
    }
    const formulation = await pageApi(page, 'PUT', `/api/v1/episodes/${episodeId}/formulation`, {
      areas: [{ area: 'role-dispute', otherParty: 'her sister Ada', stage: 'renegotiation' }], goals: ['Talk with Ada about sharing the care of their mother', 'Feel less alone with the decision'],
      statement: 'Ngozi and her sister disagree about caring for their mother, and the low mood began as the arguments grew.',
    }, { 'if-match': '"0"' });
    expect(formulation.status).toBe(200);
    expect((await pageApi(page, 'POST', `/api/v1/episodes/${episodeId}/formulation/agree`, {}, { 'if-match': formulation.etag! })).status).toBe(200);
    const plan = await pageApi(page, 'PUT', `/api/v1/clients/${clientId}/safety-plan`, {
      plan: {
        warningSigns: ['Not answering the phone for days', 'Thinking everyone would be better off without me'], internalCopingStrategies: ['Walk by the harbour', 'Play the piano'],
        peopleToAskForHelp: [{ name: 'Ada (sister)', phone: '0700 111 222' }], professionalsAndServices: [{ name: 'Quay Street Practice', phone: '0161 000 111' }],
        makingTheEnvironmentSafe: ['Ask Ada to keep the spare medicines'], reasonsForLiving: ['My mother', 'Singing in the choir'],
      },
    }, { 'if-match': '"0"' });
    expect(plan.status).toBe(200);
    expect((await pageApi(page, 'POST', `/api/v1/clients/${clientId}/safety-plan/sign`, undefined, { 'if-match': plan.etag! })).status).toBe(200);
    const relapse = await pageApi(page, 'PUT', `/api/v1/episodes/${episodeId}/relapse-plan`, {
      plan: { warningSigns: ['Sleeping badly for a week'], triggers: ['Family decisions made without me'], strategies: ['Say what I need early'], people: [{ name: 'Ada', phone: null, note: null }], whenToSeekHelp: 'If low mood lasts two weeks', crisisContacts: [], boosterPlan: 'A booster session in three months' },
    }, { 'if-match': '"0"' });
    expect(relapse.status, JSON.stringify(relapse.json)).toBe(200);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('shows the documents panel and records the client\'s consent for the GP', async () => {
    await page.goto(`${server.baseUrl}/episodes/${episodeId}`);
    const panel = page.getByRole('region', { name: en.documents.title, exact: true });
    await panel.getByRole('heading', { name: en.documents.title }).waitFor();
    await panel.getByText(en.documents.log.empty).waitFor();
    await page.locator('#consent-recipient-name').fill(gp);
    await panel.getByRole('button', { name: en.documents.consents.save }).click();
    await panel.getByText(en.documents.consents.recorded).waitFor();
    await panel.getByRole('listitem').filter({ hasText: gp }).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'episode page with documents');
    await screenshot(page, 'documents-panel');
  });

  it('downloads every document for the client, each with its text and without the process note', async () => {
    const panel = page.getByRole('region', { name: en.documents.title, exact: true });
    const expectations: Record<string, string[]> = {
      'treatment-summary': ['Treatment summary', 'Dear Ngozi Adeyemi-Økland,', 'Role dispute', 'Talk with Ada about sharing the care of their mother', 'PHQ-9', 'Warning sign: Sleeping badly for a week'],
      'relapse-prevention-plan': ['Relapse-prevention plan', 'Sleeping badly for a week', 'Family decisions made without me', 'A booster session in three months'],
      'formulation-letter': ['Formulation letter', 'Ngozi and her sister disagree about caring for their mother', 'her sister Ada', 'Feel less alone with the decision'],
      'symptom-chart': ['Symptom chart', 'Scores over the sessions', 'Moderately severe', 'Session'],
      'safety-plan': ['Safety plan', 'Not answering the phone for days', 'Ada (sister) · 0700 111 222', 'Singing in the choir'],
    };
    for (const [kind, texts] of Object.entries(expectations)) {
      await page.locator('#document-kind').selectOption(kind);
      await page.locator('#document-recipient').selectOption('client');
      const { pages, suggested } = await download(page, panel.getByRole('button', { name: en.documents.download }), kind);
      expect(suggested).toMatch(new RegExp(`^${kind}-${client.identifier}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
      const text = pages.join('\n');
      for (const expected of [client.name, `(${client.identifier})`, 'Quayside Counselling Service', 'CONFIDENTIAL', ...texts]) expect(text, `${kind}: ${expected}`).toContain(expected);
      pages.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${pages.length}`));
      expect(text).not.toContain(CANARY);
      await panel.getByText(en.documents.downloaded).waitFor();
    }
  });

  it('sends the discharge letter to the GP under the consent, and lists every disclosure', async () => {
    const panel = page.getByRole('region', { name: en.documents.title, exact: true });
    await page.locator('#document-kind').selectOption('treatment-summary');
    const option = fill(en.documents.forConsent, { name: gp, kind: en.documents.recipientKinds['general-practitioner'] });
    await page.locator('#document-recipient').selectOption({ label: option });
    await page.locator('#document-purpose').fill('Discharge to GP care');
    const { pages } = await download(page, panel.getByRole('button', { name: en.documents.download }), 'treatment-summary-gp');
    const text = pages.join('\n');
    expect(text).toContain(`Dear ${gp},`);
    expect(text).toContain(`For: ${gp} (general practitioner)`);
    expect(text).not.toContain(CANARY);
    const log = panel.getByRole('table', { name: en.documents.log.caption });
    await expect.poll(async () => log.getByRole('row').count()).toBe(7);
    await log.getByRole('cell', { name: `${gp} (general practitioner)` }).waitFor();
  });

  it('downloads the safety plan from its own page', async () => {
    await page.goto(`${server.baseUrl}/clients/${clientId}/safety-plan`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const { pages } = await download(page, page.getByRole('button', { name: en.documents.downloadSafetyPlan }), 'safety-plan-page');
    expect(pages.join('\n')).toContain('Step 7. My reasons for living');
    await expectNoAxeViolations(page, 'safety plan page');
    await screenshot(page, 'documents-safety-plan-page');
  });

  it('withdraws the consent, after which the GP is no longer offered', async () => {
    await page.goto(`${server.baseUrl}/episodes/${episodeId}`);
    const panel = page.getByRole('region', { name: en.documents.title, exact: true });
    await panel.getByRole('button', { name: fill(en.documents.consents.withdrawFor, { name: gp }) }).click();
    await panel.getByText(en.documents.consents.status.withdrawn, { exact: true }).waitFor();
    await page.locator('#document-kind').selectOption('treatment-summary');
    const options = await page.locator('#document-recipient').locator('option').allTextContents();
    expect(options).toEqual([en.documents.forClient]);
    await expectNoAxeViolations(page, 'documents after withdrawal');
    await screenshot(page, 'documents-withdrawn');
    // The panel alone on a small phone, to check its layout at a readable size.
    await page.setViewportSize({ width: 360, height: 780 });
    await panel.screenshot({ path: path.join(screenshotDir, 'documents-panel-only-360.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(watched.problems).toEqual([]);
  });
});
