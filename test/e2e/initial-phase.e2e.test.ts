/**
 * The initial-phase journey, in a real browser against the real server: a clinician starts IPT for a
 * client, fills in the interpersonal inventory (four people), places them on a closeness circle by
 * keyboard only, adds three timeline events and the onset, checks the diagnosis page, reads the
 * problem-area suggestions, chooses and agrees the focus, and saves the treatment contract. axe-core
 * runs on every page; screenshots at 1280 and 360 px land in test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';
import type { RunningServer } from './harness';
import { checkPage as checkPageOf, ensureWebBuild, fill, launchBrowser, newPerson, screenshot, startServer, watchPage } from './harness';

const admin = { name: 'Amina Okafor', email: 'amina@clinic.example', password: 'correct horse battery staple' };
const clinician = { name: 'Bongani Dlamini', email: 'bongani@clinic.example', password: 'a long passphrase for bongani' };
const client = { name: 'Dorothea Lindqvist', dob: '1988-04-17' };
const ip = en.initialPhase;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: { problems: string[] };
let episodeUrl = '';

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });
const main = () => page.getByRole('main');
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const checkPage = (name: string) => checkPageOf(page, name);

async function call(baseUrl: string, state: { cookie: string; csrf: string }, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (state.cookie) headers.cookie = state.cookie;
  if (state.csrf && method !== 'GET') headers['x-csrf-token'] = state.csrf;
  const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const setCookie = response.headers.get('set-cookie');
  if (setCookie) state.cookie = setCookie.split(';')[0] ?? '';
  const text = await response.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (typeof json.csrfToken === 'string') state.csrf = json.csrfToken;
  return { status: response.status, json };
}

async function openTool(label: string, title: string): Promise<void> {
  await page.goto(episodeUrl);
  await heading(`${client.name}: IPT`).waitFor();
  await page.getByRole('navigation', { name: ip.nav.section }).getByRole('link', { name: label }).click();
  await heading(title)
    .waitFor({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await page.locator('body').innerText()}\n${watched.problems.join('\n')}`);
    });
}

interface PersonInput {
  label: string;
  type: string;
  differ?: boolean;
  conflicts?: string;
  diedOn?: string;
  change?: string;
}

async function addPerson(person: PersonInput): Promise<void> {
  await page.getByRole('button', { name: ip.inventory.addButton }).click();
  const form = page.getByRole('form', { name: ip.inventory.addTitle });
  await form.getByLabel(ip.inventory.fields.label, { exact: true }).fill(person.label);
  await form.getByLabel(ip.inventory.fields.relationshipType, { exact: true }).selectOption(person.type);
  await form.getByLabel(ip.inventory.fields.contactFrequency).selectOption('weekly');
  await form.getByLabel(ip.inventory.fields.goodThings).fill(`Good times with ${person.label}`);
  if (person.differ) await form.getByRole('group', { name: ip.inventory.fields.expectationsDiffer }).getByRole('radio', { name: 'Yes' }).check();
  if (person.conflicts) {
    await form.getByLabel(ip.inventory.fields.conflicts).fill(person.conflicts);
    await form.getByRole('group', { name: ip.inventory.fields.conflictResolved }).getByRole('radio', { name: 'No' }).check();
  }
  if (person.change) await form.getByLabel(ip.inventory.fields.changeSinceOnset).selectOption(person.change);
  if (person.diedOn) {
    await form.getByLabel(ip.inventory.fields.deceased).check();
    await form.getByLabel(ip.inventory.fields.diedOn).fill(person.diedOn);
  }
  await form.getByRole('button', { name: ip.inventory.add }).click();
  await page.getByText(fill(ip.inventory.saved, { name: person.label })).waitFor();
}

describe('initial phase journey', () => {
  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const state = { cookie: '', csrf: '' };
    expect((await call(server.baseUrl, state, 'POST', '/api/v1/setup', { organizationName: 'Harbour Street Counselling', adminName: admin.name, adminEmail: admin.email, adminPassword: admin.password })).status).toBe(201);
    const invitation = await call(server.baseUrl, state, 'POST', '/api/v1/invitations', { email: clinician.email, role: 'clinician' });
    expect(invitation.status).toBe(201);

    context = await newPerson(browser);
    page = await context.newPage();
    watched = watchPage(page);
    await page.goto(String(invitation.json.link));
    await heading(en.auth.invite.title).waitFor();
    await page.getByLabel(en.auth.invite.name, { exact: true }).fill(clinician.name);
    await page.getByLabel(en.auth.invite.password, { exact: true }).fill(clinician.password);
    await page.getByRole('button', { name: en.auth.invite.submit }).click();
    await page.waitForURL('**/clients');

    await main().getByRole('link', { name: en.clients.list.new }).first().click();
    await heading(en.clients.new.title).waitFor();
    await page.getByLabel(en.clients.fields.displayName, { exact: true }).fill(client.name);
    await page.getByLabel(en.clients.fields.dateOfBirth).fill(client.dob);
    await page.getByRole('button', { name: en.clients.new.submit }).click();
    await heading(client.name).waitFor();
    await page.getByRole('button', { name: en.episodes.client.start }).click();
    await page.getByLabel(en.episodes.start.protocol).selectOption('ipt-acute');
    await main().getByRole('button', { name: en.episodes.start.submit }).click();
    await page.waitForURL(/\/episodes\/[0-9a-f-]{36}$/);
    await heading(`${client.name}: IPT`).waitFor();
    episodeUrl = page.url();
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('links the tools from the episode page and its agenda', async () => {
    await page.getByRole('heading', { level: 2, name: ip.nav.section }).waitFor();
    expect(await page.getByRole('link', { name: new RegExp(`^${ip.nav.openTool}`) }).count()).toBeGreaterThan(0);
    await checkPage('initial-phase-episode');
  });

  it('fills in the interpersonal inventory with four people and reads a history', async () => {
    await openTool(ip.nav.inventory, ip.inventory.title);
    await page.getByText(ip.inventory.emptyTitle).waitFor();
    await addPerson({ label: 'Jonas', type: 'partner', differ: true, conflicts: 'Argues about money and housework', change: 'more-distant' });
    await addPerson({ label: 'Mum', type: 'parent' });
    await addPerson({ label: 'Grandad Erik', type: 'other-family', diedOn: daysAgo(200) });
    await addPerson({ label: 'Priya', type: 'friend', change: 'closer' });
    expect(await main().locator('.ip-person').count()).toBe(4);
    // Edit one person, then read its history (two versions).
    await page.getByRole('button', { name: fill(ip.inventory.editNamed, { name: 'Mum' }) }).click();
    const form = page.getByRole('form', { name: fill(ip.inventory.editTitle, { name: 'Mum' }) });
    await form.getByLabel(ip.inventory.fields.clientWouldChange).fill('See her more often');
    await form.getByRole('button', { name: ip.inventory.saveChanges }).click();
    await page.getByText(fill(ip.inventory.saved, { name: 'Mum' })).waitFor();
    await page.getByRole('button', { name: fill(ip.inventory.historyNamed, { name: 'Mum' }) }).click();
    await page.getByText(/^Version 2, /).waitFor();
    await checkPage('initial-phase-inventory');
  });

  it('places everyone on a closeness circle by keyboard only and saves it', async () => {
    await openTool(ip.nav.closeness, ip.closeness.title);
    const rings: Record<string, number> = { Jonas: 2, Mum: 2, 'Grandad Erik': 3, Priya: 1 };
    const seen = new Set<string>();
    for (let presses = 0; presses < 80 && seen.size < 4; presses += 1) {
      await page.keyboard.press('Tab');
      const label = await page.evaluate(() => {
        const element = document.activeElement;
        return element instanceof HTMLSelectElement && element.id.startsWith('ring-') ? (element.labels?.[0]?.textContent ?? '') : '';
      });
      const name = /^Ring for (.+)$/.exec(label)?.[1];
      if (!name || seen.has(name)) continue;
      seen.add(name);
      for (let step = 0; step < (rings[name] ?? 1); step += 1) await page.keyboard.press('ArrowDown');
      expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe(String(rings[name]));
    }
    expect(seen.size).toBe(4);
    // On to the save button by keyboard.
    for (let presses = 0; presses < 5; presses += 1) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (text === ip.closeness.save) break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(ip.closeness.save);
    await page.keyboard.press('Enter');
    await page.getByText(/^Closeness circle of .+ saved\.$/).waitFor();
    await page.getByText(/^Intake, .+: 4 rings, 4 people placed$/).waitFor();
    await checkPage('initial-phase-closeness');
    // The client may take the circle home: the download is a PNG (the CSP allows the data: image it draws from).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: ip.closeness.download }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
  });

  it('records the onset and three timeline events', async () => {
    await openTool(ip.nav.timeline, ip.timeline.title);
    await page.getByLabel(ip.timeline.onsetDate).fill(daysAgo(150));
    await page.getByRole('button', { name: ip.timeline.onsetSave }).click();
    await page.getByText(ip.timeline.onsetSaved).waitFor();
    const events = [
      { date: daysAgo(200), title: 'Grandad Erik died', kind: 'death', mood: '3', person: 'Grandad Erik' },
      { date: daysAgo(160), title: 'Jonas took a job abroad', kind: 'relationship-change', mood: '4', person: 'Jonas' },
      { date: daysAgo(120), title: 'Big argument about moving', kind: 'conflict', mood: '2', person: 'Jonas' },
    ];
    for (const event of events) {
      await page.getByRole('button', { name: ip.timeline.addButton }).click();
      const form = page.getByRole('form', { name: ip.timeline.addTitle });
      await form.getByLabel(ip.timeline.date).fill(event.date);
      await form.getByLabel(ip.timeline.eventTitle).fill(event.title);
      await form.getByLabel(ip.timeline.kind).selectOption(event.kind);
      await form.getByLabel(ip.timeline.mood).fill(event.mood);
      await form.getByRole('checkbox', { name: event.person }).check();
      await form.getByRole('button', { name: ip.timeline.add }).click();
      await page.getByText(fill(ip.timeline.saved, { title: event.title })).waitFor();
    }
    await page.getByText(/^3 events, /).waitFor();
    await page.locator('.timeline-chart__canvas svg').first().waitFor();
    await checkPage('initial-phase-timeline');
    // The events are also listed with the episode's symptom chart.
    await page.goto(episodeUrl);
    await page.getByRole('heading', { name: 'Life events on the chart' }).waitFor();
    expect(await page.locator('.symptom-chart__events li').count()).toBe(3);
  });

  it('shows the diagnosis checklist with its disclaimer and saves psychoeducation', async () => {
    await openTool(ip.nav.diagnosis, ip.diagnosis.title);
    await page.getByText(ip.diagnosis.disclaimerTitle, { exact: true }).waitFor();
    await page.getByRole('group', { name: /^Depressed mood/ }).getByRole('radio', { name: 'Yes' }).check();
    await page.getByRole('button', { name: ip.diagnosis.save }).click();
    await page.getByText(ip.diagnosis.saved).waitFor();
    await page.getByLabel(ip.psychoeducation.sickRoleStatus, { exact: true }).selectOption('given');
    await page.getByRole('checkbox', { name: en.initialPhase.enums.topic['not-your-fault'] }).check();
    await page.getByRole('button', { name: ip.psychoeducation.save }).click();
    await page.getByText(ip.psychoeducation.saved).waitFor();
    await checkPage('initial-phase-diagnosis');
  });

  it('reads the suggestions, chooses a role dispute and agrees it with the client', async () => {
    await openTool(ip.nav.formulation, ip.formulation.title);
    const suggestions = page.getByRole('region', { name: ip.formulation.suggestionsTitle });
    await suggestions.getByRole('heading', { level: 3 }).first().waitFor();
    expect(await suggestions.getByRole('heading', { level: 3 }).count()).toBeGreaterThan(0);
    await page.getByRole('checkbox', { name: ip.enums.area['role-dispute'] }).check();
    await page.getByLabel(ip.formulation.otherParty, { exact: true }).selectOption({ label: 'Jonas' });
    await page.getByLabel(ip.formulation.stage).selectOption('renegotiation');
    await page.getByLabel(ip.formulation.goals).fill('Talk with Jonas about the move without shouting\nAgree how to share the housework');
    await page.getByRole('button', { name: ip.formulation.save }).click();
    await page.getByText(ip.formulation.saved).waitFor();
    expect(await page.getByLabel(ip.formulation.statement).inputValue()).not.toBe('');
    await page.getByRole('button', { name: ip.formulation.agree }).click();
    await page.getByText(ip.formulation.agreedMessage).waitFor();
    await page.getByText(/^Agreed on /).waitFor();
    await page.getByText(ip.formulation.middleNoReason).waitFor();
    await checkPage('initial-phase-formulation');
  });

  it('saves the treatment contract and shows the copy for the client', async () => {
    await openTool(ip.nav.contract, ip.contract.title);
    await page.getByText(ip.contract.prefilled).waitFor();
    await page.getByLabel(ip.contract.length).fill('50');
    await page.getByLabel(ip.contract.missed).fill('Call the day before if you cannot come; we will rebook within the week.');
    await page.getByLabel(ip.contract.crisis).fill('Call the crisis line or go to the emergency department.');
    await page.getByLabel(ip.contract.agreedOn).fill(daysAgo(0));
    await page.getByRole('button', { name: ip.contract.save }).click();
    await page.getByText(ip.contract.saved).waitFor();
    await page.getByRole('heading', { name: fill(ip.contract.printTitle, { client: client.name }) }).waitFor();
    await checkPage('initial-phase-contract');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'initial-phase-contract-print');
    await page.emulateMedia({ media: 'screen' });
    expect(watched.problems).toEqual([]);
  });
});
