/**
 * The foundation journey, in a real browser against the real server: first run, sign-in, inviting
 * people, a clinician's first client, search, the wall between caseloads, emergency access, the
 * audit report, and axe-core on every page along the way. Screenshots land in
 * test-results/screenshots/ for a person to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';
import type { RunningServer } from './harness';
import { acceptInvitation, checkPage, ensureWebBuild, launchBrowser, newPerson, startServer, watchPage } from './harness';

const admin = { name: 'Amina Okafor', email: 'amina@clinic.example', password: 'correct horse battery staple' };
const clinician = { name: 'Bongani Dlamini', email: 'bongani@clinic.example', password: 'a long passphrase for bongani' };
const otherClinician = { name: 'Chen Wei', email: 'chen@clinic.example', password: 'another long passphrase here' };
const supervisor = { name: 'Esi Mensah', email: 'esi@clinic.example', password: 'supervisor passphrase words' };
const client = { name: 'Dorothea Lindqvist', preferred: 'Thea', dob: '1988-04-17', identifier: 'IPT-0042', phone: '+27 21 555 0100' };

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const watched: { label: string; problems: string[] }[] = [];

async function openPerson(label: string): Promise<Page> {
  const context = await newPerson(browser);
  contexts.push(context);
  const page = await context.newPage();
  watched.push({ label, ...watchPage(page) });
  return page;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

async function invite(page: Page, email: string, role: 'clinician' | 'supervisor' | 'admin' = 'clinician'): Promise<string> {
  await page.getByRole('link', { name: en.nav.users }).click();
  await expect(heading(page, en.users.title).isVisible()).resolves.toBe(true);
  const another = page.getByRole('button', { name: en.users.invite.another });
  if (await another.isVisible()) await another.click();
  await page.getByLabel(en.users.invite.email).fill(email);
  await page.getByLabel(en.users.invite.role, { exact: true }).selectOption(role);
  await page.getByRole('button', { name: en.users.invite.submit }).click();
  const linkField = page.getByLabel(`Invitation link for ${email}`);
  await linkField.waitFor();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/invite#token=/);
  return link;
}

describe('foundation journey', () => {
  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  let adminPage: Page;
  let clinicianPage: Page;
  let clientUrl = '';

  it('shows the first-run page and creates the organization', async () => {
    adminPage = await openPerson('admin');
    await adminPage.goto(server.baseUrl);
    await adminPage.waitForURL('**/setup');
    await heading(adminPage, en.setup.title).waitFor();
    await checkPage(adminPage, 'setup');

    // Submitting empty shows the error summary, linked to the fields.
    await adminPage.getByRole('button', { name: en.setup.submit }).click();
    await adminPage.getByRole('heading', { name: en.components.errorSummary.title }).waitFor();
    expect(await adminPage.getByLabel(en.setup.organizationName).getAttribute('aria-invalid')).toBe('true');
    await checkPage(adminPage, 'setup-errors');

    await adminPage.getByLabel(en.setup.organizationName).fill('Harbour Street Counselling');
    await adminPage.getByLabel(en.setup.adminName).fill(admin.name);
    await adminPage.getByLabel(en.setup.adminEmail).fill(admin.email);
    await adminPage.getByLabel(en.setup.adminPassword).fill(admin.password);
    await adminPage.getByRole('button', { name: en.setup.submit }).click();
    await adminPage.waitForURL('**/admin/users');
    await expect(adminPage.getByRole('banner').getByText('Harbour Street Counselling').isVisible()).resolves.toBe(true);
  });

  it('lets the administrator sign out and sign in again', async () => {
    await adminPage.getByRole('button', { name: admin.name, exact: true }).click();
    await adminPage.getByRole('button', { name: en.nav.signOut }).click();
    await adminPage.waitForURL('**/sign-in');
    await adminPage.getByText(en.auth.signIn.signedOut).waitFor();
    await checkPage(adminPage, 'sign-in');

    await adminPage.getByLabel(en.auth.email).fill(admin.email);
    await adminPage.getByLabel(en.auth.password).fill('not the password at all');
    await adminPage.getByRole('button', { name: en.auth.signIn.submit }).click();
    await adminPage.getByText(en.auth.signIn.wrongCredentials).waitFor();

    await adminPage.getByLabel(en.auth.password).fill(admin.password);
    await adminPage.getByRole('button', { name: en.auth.signIn.submit }).click();
    await adminPage.waitForURL('**/admin/users');
    await heading(adminPage, en.users.title).waitFor();
  });

  it('invites a clinician, who accepts and registers a client', async () => {
    const link = await invite(adminPage, clinician.email);
    await checkPage(adminPage, 'users-invite-link');

    clinicianPage = await openPerson('clinician');
    await clinicianPage.goto(link);
    await heading(clinicianPage, en.auth.invite.title).waitFor();
    await clinicianPage.getByText(clinician.email).first().waitFor();
    expect(clinicianPage.url()).not.toContain('token='); // the token leaves the address bar
    await checkPage(clinicianPage, 'accept-invitation');
    await clinicianPage.getByLabel(en.auth.invite.name, { exact: true }).fill(clinician.name);
    await clinicianPage.getByLabel(en.auth.invite.password, { exact: true }).fill(clinician.password);
    await clinicianPage.getByRole('button', { name: en.auth.invite.submit }).click();
    await clinicianPage.waitForURL('**/clients');
    await clinicianPage.getByText(en.clients.list.emptyTitle).waitFor();
    await checkPage(clinicianPage, 'caseload-empty');

    await clinicianPage.getByRole('main').getByRole('link', { name: en.clients.list.new }).first().click();
    await heading(clinicianPage, en.clients.new.title).waitFor();
    await checkPage(clinicianPage, 'new-client');

    await clinicianPage.getByRole('button', { name: en.clients.new.submit }).click();
    await clinicianPage.getByRole('heading', { name: en.components.errorSummary.title }).waitFor();
    await checkPage(clinicianPage, 'new-client-errors');

    await clinicianPage.getByLabel(en.clients.fields.displayName, { exact: true }).fill(client.name);
    await clinicianPage.getByLabel(en.clients.fields.preferredName).fill(client.preferred);
    await clinicianPage.getByLabel(en.clients.fields.dateOfBirth).fill(client.dob);
    await clinicianPage.getByLabel(en.clients.fields.identifier).fill(client.identifier);
    await clinicianPage.getByLabel(new RegExp(`^${en.clients.fields.phone}`)).fill(client.phone);
    await clinicianPage.getByRole('button', { name: en.clients.new.submit }).click();
    await clinicianPage.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    await heading(clinicianPage, client.name).waitFor();
    await clinicianPage.getByText(en.clients.new.created).waitFor();
    clientUrl = clinicianPage.url();
    await checkPage(clinicianPage, 'client-record');

    // Edit with If-Match: change the phone number.
    await clinicianPage.getByRole('button', { name: en.clients.detail.edit }).click();
    await clinicianPage.getByLabel(new RegExp(`^${en.clients.fields.phone}`)).fill('+27 21 555 0199');
    await checkPage(clinicianPage, 'client-edit');
    await clinicianPage.getByRole('button', { name: en.clients.edit.submit }).click();
    await clinicianPage.getByText(en.clients.edit.saved).waitFor();
    await clinicianPage.getByText('+27 21 555 0199').waitFor();
  });

  it('refuses to overwrite a change made meanwhile in another tab (412) and offers a reload', async () => {
    await clinicianPage.getByRole('button', { name: en.clients.detail.edit }).click();
    const otherTab = await clinicianPage.context().newPage();
    watched.push({ label: 'clinician second tab', ...watchPage(otherTab) });
    await otherTab.goto(clientUrl);
    await otherTab.getByRole('button', { name: en.clients.detail.edit }).click();
    await otherTab.getByLabel(en.clients.fields.preferredName).fill('Dora');
    await otherTab.getByRole('button', { name: en.clients.edit.submit }).click();
    await otherTab.getByText(en.clients.edit.saved).waitFor();
    await otherTab.close();

    await clinicianPage.getByLabel(en.clients.fields.pronouns).fill('she/her');
    await clinicianPage.getByRole('button', { name: en.clients.edit.submit }).click();
    await clinicianPage.getByText(en.clients.stale.title).waitFor();
    await checkPage(clinicianPage, 'client-stale');
    await clinicianPage.getByRole('button', { name: en.clients.stale.reload }).click();
    await clinicianPage.getByText('Dora', { exact: true }).waitFor();
  });

  it('finds the client in the caseload by name and identifier', async () => {
    await clinicianPage.getByRole('link', { name: en.nav.caseload }).click();
    await heading(clinicianPage, en.clients.list.title).waitFor();
    await clinicianPage.getByRole('link', { name: client.name }).waitFor();
    await checkPage(clinicianPage, 'caseload');

    const search = clinicianPage.getByRole('searchbox', { name: en.clients.list.search });
    await search.fill('lindq');
    await clinicianPage.waitForURL(/q=lindq/);
    await clinicianPage.getByRole('link', { name: client.name }).waitFor();

    await search.fill('nobody-by-this-name');
    await clinicianPage.getByText(en.clients.list.noMatchTitle).waitFor();
    await checkPage(clinicianPage, 'caseload-no-match');

    await search.fill(client.identifier);
    await clinicianPage.getByRole('link', { name: client.name }).waitFor();
  });

  it("keeps one clinician's client from another clinician", async () => {
    const link = await invite(adminPage, otherClinician.email);
    const otherPage = await openPerson('other clinician');
    await acceptInvitation(otherPage, link, otherClinician);
    await otherPage.getByText(en.clients.list.emptyTitle).waitFor();

    await otherPage.goto(clientUrl);
    await heading(otherPage, en.clients.notFound.title).waitFor();
    expect(await otherPage.getByText(client.name).count()).toBe(0);
    expect(await otherPage.getByRole('heading', { name: en.clients.breakGlass.title }).count()).toBe(0);
    await checkPage(otherPage, 'client-not-found');
  });

  it("lets a supervisor see a supervisee's caseload once assigned", async () => {
    const link = await invite(adminPage, supervisor.email, 'supervisor');
    const supervisorPage = await openPerson('supervisor');
    await acceptInvitation(supervisorPage, link, supervisor);

    await adminPage.reload(); // the supervisor's account was created in another browser meanwhile
    await heading(adminPage, en.users.title).waitFor();
    await adminPage.getByLabel(en.users.supervision.supervisor).selectOption({ label: supervisor.name });
    await adminPage.getByLabel(en.users.supervision.clinician, { exact: true }).selectOption({ label: clinician.name });
    await adminPage.getByRole('button', { name: en.users.supervision.add }).click();
    await adminPage.getByText(`${supervisor.name} supervises ${clinician.name}`).waitFor();
    await checkPage(adminPage, 'users-supervision');

    await supervisorPage.getByRole('link', { name: en.nav.supervision }).click();
    await heading(supervisorPage, en.supervision.title).waitFor();
    await supervisorPage.getByRole('link', { name: clinician.name }).waitFor();
    await checkPage(supervisorPage, 'supervision');
    await supervisorPage.getByRole('link', { name: clinician.name }).click();
    await supervisorPage.waitForURL(/\/clients\?clinicianId=/);
    await supervisorPage.getByRole('link', { name: client.name }).waitFor();
    await checkPage(supervisorPage, 'caseload-supervisor');
  });

  it('gives the administrator audited emergency access that the owner then sees', async () => {
    await adminPage.goto(clientUrl);
    await heading(adminPage, en.clients.notFound.title).waitFor();
    await adminPage.getByRole('heading', { name: en.clients.breakGlass.title }).waitFor();
    await checkPage(adminPage, 'break-glass-request');
    await adminPage.getByLabel(en.clients.breakGlass.reason).fill('Crisis line call: client at risk tonight, clinician unreachable.');
    await adminPage.getByRole('button', { name: en.clients.breakGlass.submit }).click();
    await heading(adminPage, client.name).waitFor();
    await adminPage.getByText(en.clients.breakGlass.activeTitle).first().waitFor();
    expect(await adminPage.getByRole('button', { name: en.clients.detail.edit }).count()).toBe(0);
    await checkPage(adminPage, 'client-break-glass');

    await clinicianPage.goto(clientUrl);
    await heading(clinicianPage, client.name).waitFor();
    await clinicianPage.getByText(admin.name).first().waitFor();
    await clinicianPage.getByText('Crisis line call', { exact: false }).waitFor();
    await checkPage(clinicianPage, 'client-owner-sees-break-glass');
  });

  it('shows the audit report, sortable on every column', async () => {
    await adminPage.getByRole('link', { name: en.nav.audit }).click();
    await heading(adminPage, en.audit.title).waitFor();
    await adminPage.getByRole('table').waitFor();
    const userHeader = adminPage.getByRole('columnheader', { name: en.audit.columns.actorName });
    expect(await userHeader.getAttribute('aria-sort')).toBe('none');
    await userHeader.getByRole('button').click();
    await adminPage.waitForFunction((name) => [...document.querySelectorAll('th')].some((th) => th.textContent?.includes(name) && th.getAttribute('aria-sort') === 'ascending'), en.audit.columns.actorName);
    await checkPage(adminPage, 'audit');

    await adminPage.getByLabel(en.audit.filters.action).selectOption('break-glass');
    await adminPage.getByRole('button', { name: en.audit.filters.apply }).click();
    await adminPage.getByText('Crisis line call', { exact: false }).first().waitFor();
  });

  it('shows settings and lets the administrator make a password reset link that works', async () => {
    await adminPage.getByRole('link', { name: en.nav.settings }).click();
    await heading(adminPage, en.settings.title).waitFor();
    await checkPage(adminPage, 'settings');

    await adminPage.getByRole('link', { name: en.nav.users }).click();
    await adminPage.getByRole('button', { name: `Manage ${otherClinician.name}` }).click();
    await adminPage.getByRole('dialog').waitFor();
    await checkPage(adminPage, 'user-manage-dialog');
    await adminPage.getByRole('button', { name: en.users.manage.reset }).click();
    const resetLink = await adminPage.getByLabel(en.users.manage.resetLinkLabel).inputValue();
    expect(resetLink).toMatch(/\/reset-password#token=/);
    await adminPage.keyboard.press('Escape');
    await adminPage.getByRole('dialog').waitFor({ state: 'hidden' });

    const resetPage = await openPerson('password reset');
    await resetPage.goto(resetLink);
    await heading(resetPage, en.auth.reset.title).waitFor();
    await checkPage(resetPage, 'reset-password');
    await resetPage.getByLabel(en.auth.reset.password, { exact: true }).fill('a brand new passphrase for chen');
    await resetPage.getByLabel(en.auth.reset.confirmation).fill('a brand new passphrase for chen');
    await resetPage.getByRole('button', { name: en.auth.reset.submit }).click();
    await resetPage.waitForURL('**/sign-in');
    await resetPage.getByText(en.auth.signIn.passwordChanged).waitFor();
    await resetPage.getByLabel(en.auth.email).fill(otherClinician.email);
    await resetPage.getByLabel(en.auth.password).fill('a brand new passphrase for chen');
    await resetPage.getByRole('button', { name: en.auth.signIn.submit }).click();
    await resetPage.waitForURL('**/clients');
    await resetPage.getByText(en.clients.list.emptyTitle).waitFor();

    // When the server no longer knows the session (here: the cookie is gone, as after the idle
    // timeout), the next request answers 401 and the page says the session ended.
    await resetPage.context().clearCookies();
    await resetPage.getByRole('searchbox', { name: en.clients.list.search }).fill('anyone');
    await resetPage.waitForURL('**/sign-in');
    await resetPage.getByText(en.auth.signIn.sessionEndedTitle).waitFor();
    await checkPage(resetPage, 'sign-in-session-ended');
  });

  it('enrols the administrator in two-step verification and then asks for a code at sign-in', async () => {
    await adminPage.getByRole('button', { name: admin.name, exact: true }).click();
    await adminPage.getByRole('link', { name: en.nav.account }).click();
    await heading(adminPage, en.account.title).waitFor();
    await adminPage.getByRole('button', { name: en.account.mfa.start }).click();
    await adminPage.getByRole('img', { name: en.account.mfa.qrAlt }).waitFor();
    await checkPage(adminPage, 'account-mfa');

    const secret = ((await adminPage.locator('.secret').textContent()) ?? '').replace(/\s+/g, '');
    const totp = new TOTP({ secret: Secret.fromBase32(secret) });
    await adminPage.getByLabel(en.account.mfa.code).fill(totp.generate());
    await adminPage.getByRole('button', { name: en.account.mfa.confirm }).click();
    await adminPage.getByText(en.account.mfa.onLead).waitFor();

    await adminPage.getByRole('button', { name: admin.name, exact: true }).click();
    await adminPage.getByRole('button', { name: en.nav.signOut }).click();
    await adminPage.waitForURL('**/sign-in');
    await adminPage.getByLabel(en.auth.email).fill(admin.email);
    await adminPage.getByLabel(en.auth.password).fill(admin.password);
    await adminPage.getByRole('button', { name: en.auth.signIn.submit }).click();
    await adminPage.getByLabel(en.auth.signIn.totp).waitFor();
    await checkPage(adminPage, 'sign-in-totp');

    // Codes are single use: wait for the next 30-second step before using a fresh one.
    const msIntoStep = Date.now() % 30_000;
    await new Promise((resolve) => setTimeout(resolve, 30_000 - msIntoStep + 500));
    await adminPage.getByLabel(en.auth.signIn.totp).fill(totp.generate());
    await adminPage.getByRole('button', { name: en.auth.signIn.submit }).click();
    await adminPage.waitForURL('**/admin/users');
  });

  it('leaves nothing in browser storage and had no page errors or CSP violations', async () => {
    for (const page of [adminPage, clinicianPage]) {
      const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
      expect(stored).toEqual({ local: 0, session: 0 });
    }
    for (const { label, problems } of watched) expect(problems, label).toEqual([]);
  });
});
