/**
 * The safety journey, in a real browser against the real server: a client answers PHQ-9 item 9 = 2
 * in a session, the risk flag's banner shows on the session and client pages, the clinician opens the
 * flag (referral pathway, crisis lines), completes the C-SSRS screen, records an action, makes and
 * signs a safety plan; the supervisor sees the escalation in the header and on the Risk page and
 * acknowledges it; the clinician closes the flag with a reason and the banner is gone. The
 * administrator's risk settings are checked too. axe-core runs on every page; screenshots at 1280
 * and 360 px land in test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';
import type { RunningServer } from './harness';
import { apiClient, checkPage, ensureWebBuild, fill, heading, launchBrowser, newPerson, setUpOrganization, startServer, watchPage } from './harness';

const admin = { name: 'Amina Okafor', email: 'amina@clinic.example', password: 'correct horse battery staple' };
const clinician = { name: 'Bongani Dlamini', email: 'bongani@clinic.example', password: 'a long passphrase for bongani' };
const supervisor = { name: 'Chiara Rossi', email: 'chiara@clinic.example', password: 'a long passphrase for chiara' };
const client = { name: 'Dorothea Lindqvist', dob: '1988-04-17' };
const crisisLine = { name: 'Harbour Crisis Line', phone: '0800 123 456', description: 'Free, day and night' };

const phqOptions = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
/** PHQ-9 items 1–9 with item 9 = 2 (a high-level risk answer). */
const phq = [2, 2, 1, 2, 1, 1, 1, 1, 2];

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
let page: Page;
const watched: { problems: string[] }[] = [];

/** A JSON call from Node with a cookie jar of one and the session's CSRF token. */

/** A person joins through their invitation link in a browser profile of their own. */
async function join(link: string, person: { name: string; password: string }): Promise<Page> {
  const context = await newPerson(browser);
  contexts.push(context);
  const joined = await context.newPage();
  watched.push(watchPage(joined));
  await joined.goto(link);
  await heading(joined, en.auth.invite.title).waitFor();
  await joined.getByLabel(en.auth.invite.name, { exact: true }).fill(person.name);
  await joined.getByLabel(en.auth.invite.password, { exact: true }).fill(person.password);
  await joined.getByRole('button', { name: en.auth.invite.submit }).click();
  await joined.waitForURL('**/clients');
  return joined;
}

/** A JSON call from inside the page, with the page's session cookie and CSRF token. */
function pageApi(target: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return target.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    { method, path, body },
  );
}

describe('risk and safety journey', () => {
  let supervisorPage: Page;
  let clientId = '';
  let episodeId = '';
  let flagUrl = '';

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();

    const call = apiClient(server.baseUrl);
    await setUpOrganization(call, admin);
    const clinicianInvite = await call('POST', '/api/v1/invitations', { email: clinician.email, role: 'clinician' });
    const supervisorInvite = await call('POST', '/api/v1/invitations', { email: supervisor.email, role: 'supervisor' });
    expect(clinicianInvite.status).toBe(201);
    expect(supervisorInvite.status).toBe(201);

    page = await join(String(clinicianInvite.json.link), clinician);
    supervisorPage = await join(String(supervisorInvite.json.link), supervisor);

    // The supervisor supervises the clinician; the organization has a crisis line.
    const users = (await call('GET', '/api/v1/users')).json.items as { id: string; email: string }[];
    const idOf = (email: string) => users.find((user) => user.email === email)?.id ?? '';
    expect((await call('POST', '/api/v1/supervision-assignments', { supervisorId: idOf(supervisor.email), clinicianId: idOf(clinician.email) })).status).toBe(201);
    const organization = await call('GET', '/api/v1/organization');
    const risk = organization.json.risk as Record<string, unknown>;
    const updated = await call('PATCH', '/api/v1/organization', { risk: { ...risk, crisisResources: [crisisLine] } }, { 'if-match': `"${String(organization.json.version)}"` });
    expect(updated.status).toBe(200);

    // The client and an IPT episode, through the API from the clinician's page.
    const created = await pageApi(page, 'POST', '/api/v1/clients', { displayName: client.name, dateOfBirth: client.dob });
    expect(created.status).toBe(201);
    clientId = String(created.json.id);
    const today = new Date().toISOString().slice(0, 10);
    const episode = await pageApi(page, 'POST', `/api/v1/clients/${clientId}/episodes`, { protocolId: 'ipt-acute', startDate: today });
    expect(episode.status).toBe(201);
    episodeId = String(episode.json.id);
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('raises a flag from PHQ-9 item 9 = 2 and shows the banner on the session and client pages', async () => {
    await page.goto(`${server.baseUrl}/episodes/${episodeId}`);
    await heading(page, `${client.name}: IPT`).waitFor();
    await page.getByRole('button', { name: en.episodes.next.record }).click();
    await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: fill(en.sessions.measures.give, { instrument: 'PHQ-9' }) }).click();
    await page.getByRole('heading', { level: 3, name: 'Patient Health Questionnaire-9' }).waitFor();
    for (const [index, value] of phq.entries()) {
      await page
        .getByRole('group', { name: new RegExp(`^Item ${index + 1} `) })
        .getByRole('radio', { name: new RegExp(`^${phqOptions[value]}`) })
        .check();
    }
    await page.getByRole('button', { name: en.instruments.runner.saveInSession }).click();
    await page.getByRole('alert').filter({ hasText: 'Risk flag raised (level High)' }).waitFor();
    await page.getByRole('button', { name: en.instruments.runner.close }).click();

    const banner = page.getByRole('alert').filter({ hasText: en.sessions.page.flagsRaised_one });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Level: High');
    await banner.getByRole('link', { name: en.risk.banner.openFlag }).waitFor();
    await checkPage(page, 'risk-session-banner');

    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await heading(page, client.name).waitFor();
    const clientBanner = page.getByRole('alert').filter({ hasText: en.risk.banner.title_one });
    await clientBanner.waitFor();
    expect(await clientBanner.textContent()).toContain('Level: High');
    await page.getByRole('button', { name: en.risk.concern.button }).waitFor();
    await checkPage(page, 'risk-client-banner');

    await clientBanner.getByRole('link', { name: en.risk.banner.openFlag }).click();
    await page.waitForURL(/\/risk-flags\/[0-9a-f-]{36}$/);
    flagUrl = page.url();
  });

  it('shows the pathway and crisis lines, completes the C-SSRS screen and records an action', async () => {
    await heading(page, fill(en.risk.flag.heading, { client: client.name })).waitFor();
    await page.getByRole('heading', { level: 2, name: en.risk.flag.pathwayTitle }).waitFor();
    const call = page.getByRole('link', { name: fill(en.risk.flag.call, { name: crisisLine.name, phone: crisisLine.phone }) });
    expect(await call.getAttribute('href')).toBe('tel:0800123456');
    await page.getByText(en.risk.escalation.pending).first().waitFor();
    await page.getByText(en.risk.flag.screenNeeded).waitFor();
    await checkPage(page, 'risk-flag-open');

    await page.getByRole('button', { name: en.risk.flag.screenStart }).click();
    await page.getByRole('heading', { level: 3, name: 'Columbia-Suicide Severity Rating Scale, screen version' }).waitFor();
    const answer = (item: string, option: RegExp) => page.getByRole('group', { name: new RegExp(`^Item ${item} `) }).getByRole('radio', { name: option }).check();
    await answer('1', /^Yes/);
    await answer('2', /^Yes/);
    await answer('3', /^No/);
    await answer('4', /^No/);
    await answer('5', /^No/);
    await answer('6', /^No/);
    await checkPage(page, 'risk-flag-screen-form');
    await page.getByRole('button', { name: en.risk.flag.screenSubmit }).click();
    await page.getByText(/^Screen saved\. The flag's level is now /).waitFor();
    await page.getByText(/^Screened .+ Result: /).waitFor();

    await page.getByLabel(en.risk.flag.actionKind, { exact: true }).selectOption('client-safe-for-now');
    await page.locator('#flag-action-note').fill('Agreed to call the crisis line tonight if the thoughts return.');
    await page.getByRole('button', { name: en.risk.flag.actionSubmit }).click();
    await page.getByText(en.risk.flag.actionRecorded).waitFor();
    await page.getByText('Agreed to call the crisis line tonight if the thoughts return.').waitFor();
    await checkPage(page, 'risk-flag-screened');
  });

  it('makes and signs a safety plan', async () => {
    await page.getByRole('link', { name: en.risk.flag.safetyPlanOpen }).click();
    await heading(page, fill(en.risk.plan.heading, { client: client.name })).waitFor();
    // Professionals and services are prefilled with the crisis line.
    await expect.poll(() => page.locator('#plan-professionalsAndServices-0-name').inputValue()).toBe(crisisLine.name);
    await page.getByRole('button', { name: fill(en.risk.plan.addEntry, { step: en.risk.plan.steps.warningSigns }) }).click();
    await page.locator('#plan-warningSigns-0').fill('Not sleeping, staying in my room');
    await page.getByRole('button', { name: fill(en.risk.plan.addEntry, { step: en.risk.plan.steps.reasonsForLiving }) }).click();
    await page.locator('#plan-reasonsForLiving-0').fill('My daughter');
    await page.getByRole('button', { name: fill(en.risk.plan.addEntry, { step: en.risk.plan.steps.peopleToAskForHelp }) }).click();
    await page.locator('#plan-peopleToAskForHelp-0-name').fill('My sister Ana');
    await page.locator('#plan-peopleToAskForHelp-0-phone').fill('0700 555 010');
    await page.getByRole('button', { name: en.risk.plan.save }).click();
    await page.getByText(en.risk.plan.saved).waitFor();
    await checkPage(page, 'risk-safety-plan-draft');

    await page.getByRole('button', { name: en.risk.plan.sign }).click();
    const dialog = page.getByRole('dialog', { name: en.risk.plan.signTitle });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: en.risk.plan.signConfirm }).click();
    await page.getByText(/^Signed by Bongani Dlamini on .+ This plan is locked\.$/).first().waitFor();
    await page.getByText('My daughter').waitFor();
    expect(await page.getByRole('link', { name: '0700 555 010' }).getAttribute('href')).toBe('tel:0700555010');
    await page.getByRole('button', { name: en.risk.plan.newVersion }).waitFor();
    await checkPage(page, 'risk-safety-plan-signed');

    await page.getByRole('link', { name: en.risk.plan.openFlag }).click();
    await page.waitForURL(flagUrl);
    await page.getByText(en.risk.actionKinds['safety-plan-made']).first().waitFor();
  });

  it('shows the escalation to the supervisor, who acknowledges it', async () => {
    await supervisorPage.goto(`${server.baseUrl}/clients`);
    const notices = supervisorPage.getByRole('link', { name: fill(en.risk.notices.label_one, { count: 1 }) });
    await notices.waitFor();
    await notices.click();
    await heading(supervisorPage, en.risk.supervision.title).waitFor();
    const item = supervisorPage.getByRole('listitem').filter({ hasText: client.name });
    await item.getByText(en.risk.escalation.pending).waitFor();
    await checkPage(supervisorPage, 'risk-supervisor-list');
    await item.getByRole('button', { name: fill(en.risk.supervision.acknowledgeFor, { client: client.name }) }).click();
    await supervisorPage.getByText(fill(en.risk.supervision.acknowledged, { client: client.name })).waitFor();
    await supervisorPage.getByRole('link', { name: en.risk.notices.none }).waitFor();
    await checkPage(supervisorPage, 'risk-supervisor-acknowledged');
  });

  it('lets the clinician close the flag with a reason, and the banner is gone', async () => {
    await page.goto(flagUrl);
    await page.getByText(/Acknowledged by Chiara Rossi on /).waitFor();
    await page.getByRole('button', { name: en.risk.flag.close }).click();
    const dialog = page.getByRole('dialog', { name: en.risk.flag.closeDialogTitle });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: en.risk.flag.closeConfirm }).click();
    await dialog.getByText(en.validation.required).waitFor();
    await dialog.getByLabel(en.risk.flag.closeReason).fill('Screened, safety plan signed, supervisor informed; follow-up booked for Thursday.');
    await dialog.getByRole('button', { name: en.risk.flag.closeConfirm }).click();
    await page.getByText(en.risk.flag.closedDone).waitFor();
    await checkPage(page, 'risk-flag-closed');

    await page.goto(`${server.baseUrl}/clients/${clientId}`);
    await heading(page, client.name).waitFor();
    await page.getByRole('heading', { level: 2, name: en.episodes.client.title }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: en.risk.banner.title_one }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/episodes/${episodeId}`);
    await heading(page, `${client.name}: IPT`).waitFor();
    expect(await page.getByRole('link', { name: en.risk.banner.openFlag }).count()).toBe(0);
  });

  it('lets the administrator change the risk settings', async () => {
    const context = await newPerson(browser);
    contexts.push(context);
    const adminPage = await context.newPage();
    watched.push(watchPage(adminPage));
    await adminPage.goto(`${server.baseUrl}/sign-in`);
    await adminPage.getByLabel(en.auth.email, { exact: true }).fill(admin.email);
    await adminPage.getByLabel(en.auth.password, { exact: true }).fill(admin.password);
    await adminPage.getByRole('button', { name: en.auth.signIn.submit }).click();
    await adminPage.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await adminPage.goto(`${server.baseUrl}/admin/settings`);
    await adminPage.getByRole('heading', { level: 2, name: en.risk.settings.title }).waitFor();
    expect(await adminPage.locator('#risk-settings-resource-0-name').inputValue()).toBe(crisisLine.name);
    await adminPage.getByLabel(en.risk.settings.escalateAtLevel).selectOption('high');
    await adminPage.getByLabel(en.risk.settings.renotifyMinutes).fill('45');
    await adminPage.getByRole('button', { name: en.risk.settings.submit }).click();
    await adminPage.getByText(en.risk.settings.saved).waitFor();
    const saved = await pageApi(adminPage, 'GET', '/api/v1/organization');
    expect((saved.json.risk as { escalateAtLevel: string; renotifyMinutes: number }).renotifyMinutes).toBe(45);
    await checkPage(adminPage, 'risk-settings');
  });

  it('has no page errors', () => {
    expect(watched.flatMap((entry) => entry.problems)).toEqual([]);
  });
});
