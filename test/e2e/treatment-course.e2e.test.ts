/**
 * The treatment-course journey, in a real browser against the real server: a clinician starts IPT for
 * a client, records a session (agenda ticks, the PHQ-9 in the session with a risk answer, the note
 * with its prefilled measure review, attendance, signing, the locked note, an addendum, a private
 * process note), changes phase against the protocol's advice with a reason, records two more sessions
 * (one with the device handed to the client), reads the symptom chart and the day view, and practises
 * with the standalone GAD-7. axe-core runs on every page; screenshots at 1280 and 360 px land in
 * test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';
import type { RunningServer } from './harness';
import { apiClient, checkPage as checkPageOf, ensureWebBuild, fill, launchBrowser, newPerson, setUpOrganization, startServer, watchPage } from './harness';

const admin = { name: 'Amina Okafor', email: 'amina@clinic.example', password: 'correct horse battery staple' };
const clinician = { name: 'Bongani Dlamini', email: 'bongani@clinic.example', password: 'a long passphrase for bongani' };
const client = { name: 'Dorothea Lindqvist', dob: '1988-04-17' };

/** PHQ-9 option labels by scored value, as the definition prints them. */
const phqOptions = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];
/** Items 1–9 of the three PHQ-9s: 13 (moderate, item 9 = 1), then 8 (mild), then 3 (minimal). */
const phq = { first: [2, 2, 2, 2, 1, 1, 1, 1, 1], second: [2, 1, 1, 1, 1, 1, 1, 0, 0], third: [1, 1, 0, 1, 0, 0, 0, 0, 0] };

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: { problems: string[] };

const heading = (name: string | RegExp) => page.getByRole('heading', { level: 1, name });

const checkPage = (name: string) => checkPageOf(page, name);

/** A JSON call from Node with a cookie jar of one and the session's CSRF token, for setting up what the journey starts from. */

/** Answer PHQ-9 items 1–9 in the clinician's form (each item is a fieldset named "Item n …"). */
async function answerPhq9(values: number[]): Promise<void> {
  for (const [index, value] of values.entries()) {
    const item = page.getByRole('group', { name: new RegExp(`^Item ${index + 1} `) });
    await item.getByRole('radio', { name: new RegExp(`^${phqOptions[value]}`) }).check();
  }
}

/** The current session's id, from the address bar. */
const sessionIdOf = (url: string) => /\/sessions\/([0-9a-f-]{36})/.exec(url)?.[1] ?? '';

async function recordSession(): Promise<string> {
  await page.getByRole('button', { name: en.episodes.next.record }).click();
  await page.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
  await heading(/^Session \d+: /).waitFor();
  return sessionIdOf(page.url());
}

async function tickAgenda(label: string): Promise<void> {
  const box = page.getByRole('checkbox', { name: label, exact: true });
  await box.check();
  await page.getByText(fill(en.sessions.agenda.savedDone, { item: label })).waitFor({ state: 'attached' });
  expect(await box.isChecked()).toBe(true);
}

async function markAttended(): Promise<void> {
  await page.getByLabel(en.sessions.fields.attendance).selectOption('attended');
  await page.getByRole('button', { name: en.sessions.details.save }).click();
  await page.getByText(en.sessions.details.saved).waitFor();
}

async function signNote(): Promise<void> {
  await page.getByRole('button', { name: en.sessions.note.sign }).click();
  const dialog = page.getByRole('dialog', { name: en.sessions.sign.title });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: en.sessions.sign.confirm }).click();
}

async function backToEpisode(): Promise<void> {
  await page.getByRole('main').getByRole('link', { name: en.sessions.page.episode, exact: true }).click();
  await heading(`${client.name}: IPT`).waitFor();
}

describe('treatment course journey', () => {
  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();

    // The organization and an invitation through the API; the clinician joins in the browser.
    const call = apiClient(server.baseUrl);
    await setUpOrganization(call, admin);
    const invitation = await call('POST', '/api/v1/invitations', { email: clinician.email, role: 'clinician' });
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
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  let episodeUrl = '';
  let firstSessionUrl = '';

  it('starts an IPT episode from the client page', async () => {
    await page.getByRole('main').getByRole('link', { name: en.clients.list.new }).first().click();
    await heading(en.clients.new.title).waitFor();
    await page.getByLabel(en.clients.fields.displayName, { exact: true }).fill(client.name);
    await page.getByLabel(en.clients.fields.dateOfBirth).fill(client.dob);
    await page.getByRole('button', { name: en.clients.new.submit }).click();
    await heading(client.name).waitFor();

    await page.getByRole('heading', { level: 2, name: en.episodes.client.title }).waitFor();
    await page.getByText(en.episodes.client.emptyTitle).waitFor();
    await page.getByRole('button', { name: en.episodes.client.start }).click();
    const protocol = page.getByLabel(en.episodes.start.protocol);
    await protocol.waitFor();
    await page.getByText('12 to 16 sessions; usually 12.').waitFor();
    await protocol.selectOption('ipt-b');
    await page.getByText('8 sessions.').waitFor();
    await protocol.selectOption('ipt-acute');
    expect(await page.getByLabel(en.episodes.start.contracted).inputValue()).toBe('12');
    await checkPage('client-start-treatment');

    await page.getByRole('main').getByRole('button', { name: en.episodes.start.submit }).click();
    await page.waitForURL(/\/episodes\/[0-9a-f-]{36}$/);
    await heading(`${client.name}: IPT`).waitFor();
    await page.getByText(en.episodes.page.started).waitFor();
    await page.getByRole('heading', { name: fill(en.episodes.next.title, { number: 1, total: 12 }) }).waitFor();
    await page.getByRole('list', { name: en.episodes.timeline.label }).waitFor();
    episodeUrl = page.url();
    await checkPage('episode-new');

    // A second open IPT episode is refused (409) and the form links to the open one.
    await page.getByRole('link', { name: en.episodes.page.clientRecord }).click();
    await heading(client.name).waitFor();
    await page.getByRole('link', { name: en.episodes.protocols['ipt-acute'].name }).waitFor();
    await page.getByRole('button', { name: en.episodes.client.start }).click();
    await page.getByRole('main').getByRole('button', { name: en.episodes.start.submit }).click();
    await page.getByRole('heading', { name: en.components.errorSummary.title }).waitFor();
    await page.getByText('already has an open IPT episode', { exact: false }).first().waitFor();
    await page.getByRole('link', { name: en.episodes.start.openExisting }).click();
    await page.waitForURL(episodeUrl);
    await heading(`${client.name}: IPT`).waitFor();
  });

  it('records session 1: agenda, PHQ-9 with a risk answer, note, attendance, signing', async () => {
    const sessionId = await recordSession();
    firstSessionUrl = page.url();
    await page.getByRole('heading', { level: 2, name: en.sessions.agenda.title }).waitFor();
    await checkPage('session-new');

    await tickAgenda('Explain how treatment works');
    await tickAgenda('Symptoms and history');

    // The PHQ-9 in the session form, item 9 = 1.
    await page.getByRole('button', { name: fill(en.sessions.measures.give, { instrument: 'PHQ-9' }) }).click();
    await page.getByRole('heading', { level: 3, name: 'Patient Health Questionnaire-9' }).waitFor();
    await answerPhq9(phq.first);
    await page.getByText(fill(en.instruments.form.progress, { answered: 9, total: 9 })).waitFor();
    expect(await page.getByRole('group', { name: /^Item 10 / }).textContent()).toContain(en.instruments.form.unscored);
    await checkPage('session-questionnaire');
    await page.getByRole('button', { name: en.instruments.runner.saveInSession }).click();

    // The risk answer is unmistakable: an alert naming the item, the answer and what to do.
    const risk = page.getByRole('alert').filter({ hasText: 'Risk answer: item 9' });
    await risk.waitFor();
    expect(await risk.textContent()).toContain('Thoughts that you would be better off dead or of hurting yourself in some way) = 1.');
    expect(await risk.textContent()).toContain(en.instruments.result.riskActionSession);
    expect(await risk.textContent()).toContain('Risk flag raised (level Moderate)');
    await page.getByText(fill(en.instruments.result.totalOf, { total: 13, maximum: 27 })).first().waitFor();
    await page.getByText(en.instruments.result.algorithmCaveat).waitFor();
    await checkPage('session-questionnaire-result');
    await page.getByRole('button', { name: en.instruments.runner.close }).click();
    await page.getByRole('alert').filter({ hasText: en.sessions.page.flagsRaised_one }).waitFor();

    // The note: the measure review is prefilled from the session's record.
    const measureReview = page.getByRole('textbox', { name: 'Measure review' });
    await expect.poll(() => measureReview.inputValue()).toContain('PHQ-9: 13 (moderate)');
    await page.getByText(en.sessions.note.prefilled).first().waitFor();
    await page.getByRole('radio', { name: '4', exact: true }).check();
    await page.getByRole('textbox', { name: 'Mood check-in' }).fill('Low most days; slept badly since the move.');
    await page.getByRole('textbox', { name: 'Plan' }).fill('Safety plan agreed; continue the inventory next week.');
    await page.getByRole('button', { name: en.sessions.note.save }).click();
    await page.getByText(/^Draft saved at /).waitFor();

    // Signing while the session is still "scheduled" is refused; the problem shows at attendance.
    await signNote();
    const attendance = page.getByLabel(en.sessions.fields.attendance);
    await expect.poll(() => attendance.getAttribute('aria-invalid')).toBe('true');
    await page.getByText('Record whether the session took place (attended, cancelled or did not attend) before signing.').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('session-details-attendance');
    await checkPage('session-sign-needs-attendance');

    await markAttended();
    await signNote();
    await page.getByText(en.sessions.signed.done).waitFor();
    await page.getByText(/Signed by Bongani Dlamini on /).waitFor();

    // The signed note cannot be edited: no editor, and the server answers 423 to a change.
    expect(await page.getByRole('textbox', { name: 'Mood check-in' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: en.sessions.note.save }).count()).toBe(0);
    await page.getByText('Low most days; slept badly since the move.').waitFor();
    const status = await page.evaluate(async (id) => {
      const session = (await (await fetch('/api/v1/auth/session')).json()) as { csrfToken: string };
      const current = await fetch(`/api/v1/sessions/${id}`);
      const response = await fetch(`/api/v1/sessions/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken, 'if-match': current.headers.get('etag') ?? '"0"' },
        body: JSON.stringify({ note: { plan: 'Changed after signing' } }),
      });
      return response.status;
    }, sessionId);
    expect(status).toBe(423);

    // Corrections are addenda.
    await page.getByRole('textbox', { name: en.sessions.addenda.text, exact: true }).fill('Correction: the move was in March, not April.');
    await page.getByRole('button', { name: en.sessions.addenda.submit }).click();
    await page.getByText(en.sessions.addenda.added).waitFor();
    await page.getByText('Correction: the move was in March, not April.').waitFor();
    await page.getByText(/Signed by Bongani Dlamini on .+ This note is locked\.$/).waitFor();

    // The private process note, apart from the record.
    await page.getByRole('heading', { level: 2, name: en.sessions.process.title }).waitFor();
    await page.getByLabel(en.sessions.process.label).fill('I felt pulled to reassure her; notice this next time.');
    await page.getByRole('button', { name: en.sessions.process.save }).click();
    await page.getByText('I felt pulled to reassure her; notice this next time.').waitFor();
    await checkPage('session-signed');
  });

  it('changes phase to middle against the advice, with a reason', async () => {
    await backToEpisode();
    await page.getByRole('alert').filter({ hasText: 'Open risk flag' }).waitFor();
    const phase = page.getByRole('region', { name: en.episodes.phase.title, exact: true });
    await phase.getByLabel(en.episodes.phase.target).selectOption({ label: 'Middle' });
    await phase.getByRole('button', { name: fill(en.episodes.phase.submit, { phase: 'Middle' }) }).click();
    await phase.getByText(en.episodes.phase.guardsTitle).waitFor();
    await phase.getByText('The client has not yet agreed the focus.', { exact: false }).waitFor();
    expect(await phase.getByLabel(en.episodes.phase.reason).getAttribute('aria-invalid')).toBe('true');
    await checkPage('episode-phase-guard');

    await phase.getByLabel(en.episodes.phase.reason).fill('Focus (role transition) agreed in session; recorded formally next time.');
    await phase.getByRole('button', { name: fill(en.episodes.phase.submit, { phase: 'Middle' }) }).click();
    await phase.getByText(fill(en.episodes.phase.changed, { phase: 'Middle' })).waitFor();
    await phase.getByText('Initial → Middle, from session 2').waitFor();
    await phase.getByText('Reason: Focus (role transition) agreed in session; recorded formally next time.').waitFor();
  });

  it('records session 2 with the device handed to the client', async () => {
    await recordSession();
    await page.getByText('Middle phase', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: fill(en.sessions.measures.give, { instrument: 'PHQ-9' }) }).click();
    await page.getByRole('button', { name: en.instruments.runner.handOver }).click();

    // Nothing but the questionnaire: no banner, no navigation, no client name.
    await heading('Patient Health Questionnaire-9').waitFor();
    expect(await page.getByRole('banner').count()).toBe(0);
    expect(await page.getByText(client.name).count()).toBe(0);
    expect(await page.title()).not.toContain(client.name);
    await page.getByRole('button', { name: en.instruments.device.start }).click();
    for (const [index, value] of phq.second.entries()) {
      await page.getByText(fill(en.instruments.device.progress, { number: index + 1, total: 10 })).waitFor();
      if (index === 0) await checkPage('session-device-mode');
      await page.getByRole('radio', { name: phqOptions[value], exact: true }).check();
      await page.getByRole('button', { name: en.instruments.device.next }).click();
    }
    await page.getByText(fill(en.instruments.device.progress, { number: 10, total: 10 })).waitFor();
    await page.getByRole('radio', { name: 'Somewhat difficult', exact: true }).check();
    await page.getByRole('button', { name: en.instruments.device.finish }).click();
    await page.getByText(en.instruments.device.thanks).waitFor();
    expect(await page.getByText(/Risk answer/).count()).toBe(0);
    await checkPage('session-device-done');
    await page.getByRole('button', { name: en.instruments.device.clinicianView }).click();
    await page.getByText(fill(en.instruments.result.totalOf, { total: 8, maximum: 27 })).first().waitFor();
    await page.getByRole('banner').waitFor();
    await page.getByRole('button', { name: en.instruments.runner.close }).click();
    await page.getByText(/filled in by the client on the device/).waitFor();

    await tickAgenda('Check safety first');
    await markAttended();
    await signNote();
    await page.getByText(en.sessions.signed.done).waitFor();
  });

  it('records session 3 and shows the chart with three points and the outcome', async () => {
    await backToEpisode();
    await recordSession();

    // A change made meanwhile in another tab: the next tick here is refused (412), the page says so
    // and shows the current session, and nothing was overwritten.
    const otherTab = await context.newPage();
    const otherWatch = watchPage(otherTab);
    await otherTab.goto(page.url());
    await otherTab.getByRole('checkbox', { name: 'Since last time', exact: true }).check();
    await otherTab.getByText(fill(en.sessions.agenda.savedDone, { item: 'Since last time' })).waitFor({ state: 'attached' });
    await otherTab.close();
    expect(otherWatch.problems).toEqual([]);
    await page.getByRole('checkbox', { name: 'Check safety first', exact: true }).check();
    await page.getByText(en.sessions.page.staleTitle).waitFor();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Since last time', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Check safety first', exact: true }).isChecked()).toBe(false);
    await checkPage('session-stale');
    await tickAgenda('Check safety first');
    await page.getByRole('button', { name: fill(en.sessions.measures.give, { instrument: 'PHQ-9' }) }).click();
    await answerPhq9(phq.third);
    await page.getByRole('button', { name: en.instruments.runner.saveInSession }).click();
    await page.getByText(fill(en.instruments.result.totalOf, { total: 3, maximum: 27 })).first().waitFor();
    await page.getByRole('button', { name: en.instruments.runner.close }).click();
    await markAttended();
    await signNote();
    await page.getByText(en.sessions.signed.done).waitFor();

    await backToEpisode();
    const chart = page.getByRole('region', { name: 'Symptom chart: PHQ-9' });
    await chart.locator('.recharts-surface').waitFor();
    // The episode page may first show its cached two points while it refetches.
    await expect.poll(() => chart.locator('.recharts-line-dot').count()).toBe(3);
    const caption = await chart.locator('figcaption').textContent();
    expect(caption).toContain('3 scores');
    expect(caption).toContain('session 1: 13 (Moderate)');
    expect(caption).toContain('session 3: 3 (Minimal)');
    await chart.getByText('13 → 3 (-10, -77%).', { exact: false }).waitFor();
    await chart.getByText(en.episodes.chart.response, { exact: true }).waitFor();
    await chart.getByText(en.episodes.chart.remission, { exact: true }).waitFor();
    await chart.getByText(en.episodes.chart.reliableImprovement, { exact: true }).waitFor();
    await chart.getByText(en.episodes.chart.tableToggle).click();
    expect(await chart.getByRole('table').locator('tbody tr').count()).toBe(3);
    const sessions = page.getByRole('table', { name: en.episodes.sessions.caption });
    await expect.poll(() => sessions.locator('tbody tr').count()).toBe(3);
    await checkPage('episode-chart');
  });

  it('opens the day view', async () => {
    await page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.today }).click();
    await heading(en.day.title).waitFor();
    await page.getByRole('heading', { level: 2, name: '3 sessions' }).waitFor();
    await page.getByRole('link', { name: `${client.name}, session 1` }).waitFor();
    await page.getByText('1 open risk flag').first().waitFor();
    await checkPage('day');
    await page.getByRole('link', { name: `${client.name}, session 1` }).click();
    await page.waitForURL(firstSessionUrl);
    await heading(`Session 1: ${client.name}`).waitFor();
  });

  it('scores the GAD-7 on the practice page, storing nothing', async () => {
    await page.getByRole('navigation', { name: en.nav.label }).getByRole('link', { name: en.nav.instruments }).click();
    await heading(en.instruments.library.title).waitFor();
    await checkPage('instruments');

    await page.getByRole('link', { name: 'Generalized Anxiety Disorder 7-item scale' }).click();
    await heading('Generalized Anxiety Disorder 7-item scale').waitFor();
    await page.getByText(en.instruments.page.practiceTitle).waitFor();
    for (const [index, value] of [1, 1, 2, 0, 1, 1, 0].entries()) {
      await page
        .getByRole('group', { name: new RegExp(`^Item ${index + 1} `) })
        .getByRole('radio', { name: new RegExp(`^${phqOptions[value]}`) })
        .check();
    }
    await checkPage('instrument-gad-7');
    await page.getByRole('button', { name: en.instruments.runner.score }).click();
    await page.getByText(fill(en.instruments.result.totalOf, { total: 6, maximum: 21 })).waitFor();
    await page.getByText('Mild', { exact: true }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'Risk answer' }).count()).toBe(0);
    await checkPage('instrument-gad-7-result');

    // Neutral labels are marked as labels, not the validated wording.
    await page.goto(`${server.baseUrl}/instruments/qids-sr16`);
    await heading(/QIDS|Quick Inventory/).waitFor();
    await page.getByText(en.instruments.wording.labelsTitle).waitFor();
    await checkPage('instrument-neutral-labels');
  });

  it('left nothing in browser storage and had no page errors or CSP violations', async () => {
    const stored = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
    expect(stored).toEqual({ local: 0, session: 0 });
    expect(watched.problems).toEqual([]);
  });
});

