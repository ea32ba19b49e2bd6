/**
 * The middle-phase journey, in a real browser against the real server. A role-dispute IPT episode is
 * seeded through the API up to the agreed formulation (which opens the workspace at the impasse
 * stage) and four sessions. In the browser the clinician works through the four middle sessions:
 * an interval review and a communication analysis with a task set (session 1), the task reviewed and
 * a decision analysis (session 2), a role play revised into a second version (session 3), and the
 * stage moving from impasse to renegotiation with a reason (session 4), rating the problem-area
 * outcome every session. The episode page then charts the outcomes beside the symptom chart. A stale
 * save (412) and a signed session (423) show their messages. axe-core runs on every page;
 * screenshots at 1280 and 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';
import type { RunningServer } from './harness';
import { acceptInvitation, apiClient, checkPage as checkPageOf, ensureWebBuild, fill, heading, launchBrowser, newPerson, setUpOrganization, startServer, watchPage } from './harness';

const admin = { name: 'Amina Okafor', email: 'amina@middle.example', password: 'correct horse battery staple' };
const clinician = { name: 'Bongani Dlamini', email: 'bongani@middle.example', password: 'a long passphrase for bongani' };
const client = { name: 'Elif Demir', dob: '1984-06-02' };
const mp = en.middlePhase;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: { problems: string[] };

const checkPage = (name: string) => checkPageOf(page, name);

describe('middle-phase journey', () => {
  let api: ReturnType<typeof apiClient>;
  let episodeId = '';
  let workspaceId = '';
  const sessionIds: string[] = [];

  /** The session's middle-phase page, reached from the session page's "Middle phase work" section. */
  async function openSessionWork(index: number) {
    await page.goto(`${server.baseUrl}/sessions/${sessionIds[index]!}`);
    await page.getByRole('heading', { level: 2, name: mp.section.title }).waitFor();
    await page.getByRole('link', { name: mp.section.open }).click();
    await heading(page, fill(mp.session.title, { number: index + 1 })).waitFor();
  }

  async function addWorksheet(kind: keyof typeof mp.kinds) {
    await page.getByRole('link', { name: fill(mp.session.add, { kind: mp.kinds[kind] }) }).click();
    await page.getByRole('form', { name: mp.kinds[kind] }).waitFor();
  }

  async function saveWorksheet(name: string) {
    await page.getByRole('button', { name: mp.worksheet.save }).click();
    await page.getByText(mp.worksheet.created).waitFor();
    await checkPage(name);
    await page.getByRole('link', { name: new RegExp(mp.session.backToWork.replace('{{number}}', '\\d+')) }).click();
  }

  async function rateOutcome(values: { progress: string; stage: string; closer: string }) {
    const id = `outcome-${workspaceId}`;
    await page.locator(`#${id}-progress`).selectOption(values.progress);
    await page.locator(`#${id}-stage`).selectOption(values.stage);
    await page.locator(`#${id}-closer`).selectOption(values.closer);
    await page.getByRole('button', { name: fill(mp.outcome.save, { area: 'Role dispute' }) }).click();
    await page.getByText(fill(mp.outcome.saved, { area: 'Role dispute' })).waitFor();
  }

  async function setTask(what: string, withWhom: string) {
    await page.getByLabel(mp.tasks.what).fill(what);
    await page.getByLabel(mp.tasks.withWhom).fill(withWhom);
    await page.getByLabel(mp.tasks.whenText).fill('Sunday afternoon');
    await page.getByRole('button', { name: mp.tasks.setButton }).click();
    await page.getByText(mp.tasks.set, { exact: true }).waitFor();
  }

  async function reviewTask(what: string, outcome: 'done' | 'partly' | 'not', happened: string, mood: string) {
    const form = page.getByRole('form', { name: what });
    await form.getByLabel(mp.taskOutcomes[outcome], { exact: true }).check();
    await form.getByLabel(mp.tasks.whatHappened).fill(happened);
    await form.getByLabel(mp.tasks.moodEffect).selectOption(mood);
    await form.getByRole('button', { name: mp.tasks.reviewButton }).click();
    await page.getByText(mp.tasks.reviewed, { exact: true }).waitFor();
  }

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const call = apiClient(server.baseUrl);
    await setUpOrganization(call, admin);
    const invite = await call('POST', '/api/v1/invitations', { email: clinician.email, role: 'clinician' });

    context = await newPerson(browser);
    page = await context.newPage();
    watched = watchPage(page);
    await acceptInvitation(page, String(invite.json.link), clinician);

    // The initial phase, through the API: a partner in the inventory, a role dispute at impasse, agreed.
    api = apiClient(server.baseUrl);
    expect((await api('POST', '/api/v1/auth/login', { email: clinician.email, password: clinician.password })).status).toBe(200);
    const created = await api('POST', '/api/v1/clients', { displayName: client.name, dateOfBirth: client.dob });
    const episode = await api('POST', `/api/v1/clients/${String(created.json.id)}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-10-01', contractedSessions: 12 });
    expect(episode.status).toBe(201);
    episodeId = String(episode.json.id);
    const sam = await api('POST', `/api/v1/episodes/${episodeId}/inventory`, { label: 'Sam', relationshipType: 'partner', conflicts: 'Rows about money and weekends' });
    const formulation = await api('PUT', `/api/v1/episodes/${episodeId}/formulation`, {
      areas: [{ area: 'role-dispute', personId: String(sam.json.id), stage: 'impasse' }], goals: ['Talk with Sam about weekends without a row'],
    }, { 'if-match': '"0"' });
    expect(formulation.status).toBe(200);
    expect((await api('POST', `/api/v1/episodes/${episodeId}/formulation/agree`, {}, { 'if-match': formulation.etag })).status).toBe(200);
    const workspaces = await api('GET', `/api/v1/episodes/${episodeId}/workspaces`);
    const items = workspaces.json.items as Array<{ id: string; stage: string }>;
    expect(items.map((w) => w.stage)).toEqual(['impasse']);
    workspaceId = items[0]!.id;
    // The move to the middle phase (the agreed focus meets the protocol's guard).
    const current = await api('GET', `/api/v1/episodes/${episodeId}`);
    expect((await api('POST', `/api/v1/episodes/${episodeId}/phase-changes`, { targetPhase: 'middle', reason: 'Initial sessions were held before this record was kept' }, { 'if-match': current.etag })).status).toBe(200);
    // Four middle sessions, a week apart, attended.
    for (let index = 0; index < 4; index += 1) {
      const day = new Date(Date.UTC(2026, 10, 2 + 7 * index)).toISOString().slice(0, 10);
      const session = await api('POST', `/api/v1/episodes/${episodeId}/sessions`, { startsAt: `${day}T10:00:00.000Z` });
      expect(session.status).toBe(201);
      sessionIds.push(String(session.json.id));
      expect((await api('PATCH', `/api/v1/sessions/${String(session.json.id)}`, { attendance: 'attended' }, { 'if-match': session.etag })).status).toBe(200);
    }
  }, 240_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('finds the workspace the agreed formulation opened, with the stage, its strategy and the checklist', async () => {
    await page.goto(`${server.baseUrl}/episodes/${episodeId}`);
    await page.getByRole('heading', { level: 2, name: mp.episode.title }).waitFor();
    await page.getByRole('region', { name: mp.episode.title }).getByRole('link', { name: mp.episode.link }).click();
    await heading(page, mp.workspaces.title).waitFor();
    await page.getByText(fill(mp.workspaces.disputeWith, { party: 'Sam' })).waitFor();
    await checkPage('middle-phase-workspaces');

    await page.getByRole('link', { name: 'Role dispute' }).click();
    await heading(page, fill(mp.workspace.title, { area: 'Role dispute' })).waitFor();
    const stage = page.getByRole('region', { name: fill(mp.stage.title, { party: 'Sam' }) });
    await stage.locator('strong', { hasText: 'Impasse' }).waitFor();
    expect(await stage.locator('.mp-source').allInnerTexts()).toEqual([expect.stringMatching(/^\[[VPD]\] \[S\d+\]/), expect.stringMatching(/^\[[VPD]\] \[S\d+\]/)]);
    expect(await page.locator('#ws-goals').inputValue()).toBe('Talk with Sam about weekends without a row');
    const checklist = page.getByRole('region', { name: mp.checklist.title }).getByRole('checkbox');
    expect(await checklist.count()).toBeGreaterThan(2);
    await checklist.first().check();
    await page.getByText(mp.checklist.saved).waitFor();
    const ticked = await api('GET', `/api/v1/workspaces/${workspaceId}`);
    expect((ticked.json.checklist as Array<{ done: boolean }>)[0]!.done).toBe(true);
    await page.locator('#details-clientExpects').fill('Weekends together\nShared decisions about money');
    await page.locator('#details-otherExpects').fill('Saturdays with his friends');
    await page.locator('#details-mismatches').fill('Who decides about Saturdays');
    await page.getByRole('button', { name: mp.workspace.saveDetails }).click();
    await page.getByText(mp.workspace.detailsSaved).waitFor();
    expect(await page.locator('#details-clientExpects').inputValue()).toBe('Weekends together\nShared decisions about money');
    await checkPage('middle-phase-workspace-impasse');
  });

  it('session 1: interval review, communication analysis, an outcome and a task', async () => {
    await openSessionWork(0);
    await checkPage('middle-phase-session1-empty');
    await addWorksheet('interval-review');
    await page.getByLabel(mp.worksheet.fields.moodSince).selectOption('3');
    await page.getByRole('button', { name: mp.worksheet.addEvent }).click();
    await page.getByLabel(fill(mp.worksheet.eventN, { number: 1 }), { exact: true }).fill('Row with Sam on Saturday');
    await page.getByLabel(fill(mp.worksheet.moodLinkN, { number: 1 })).fill('Low all Sunday');
    await page.getByLabel(mp.worksheet.fields.problemAreaProgress).fill('Still not talking about weekends');
    await saveWorksheet('middle-phase-interval-review');

    await addWorksheet('communication-analysis');
    // Saved empty: the server names each field, and the page lists them.
    await page.getByRole('button', { name: mp.worksheet.save }).click();
    const problems = page.getByRole('alert').filter({ hasText: mp.errors.fieldsTitle });
    await problems.waitFor();
    expect(await problems.innerText()).toMatch(/Date of the exchange: must be a real date[\s\S]*With whom: must not be empty[\s\S]*The exchange, step by step: add at least one step/);
    await checkPage('middle-phase-worksheet-errors');
    await page.getByLabel(mp.worksheet.fields.date).fill('2026-10-31');
    await page.getByLabel(mp.worksheet.fields.otherPerson).fill('Sam');
    await page.getByLabel(mp.worksheet.fields.wanted).fill('To spend Saturday together');
    await page.getByLabel(fill(mp.worksheet.stepSaid, { number: 1 })).fill('You are never here at weekends.');
    await page.getByLabel(fill(mp.worksheet.stepFeeling, { number: 1 })).fill('hurt');
    await page.getByRole('button', { name: mp.worksheet.addStep }).click();
    expect(await page.getByLabel(fill(mp.worksheet.stepWho, { number: 2 })).inputValue()).toBe('other');
    await page.getByLabel(fill(mp.worksheet.stepSaid, { number: 2 })).fill('I work all week, Saturday is mine.');
    await page.getByLabel(fill(mp.worksheet.stepFeeling, { number: 2 })).fill('attacked');
    await page.getByLabel(mp.failures.indirect).check();
    await page.getByLabel(mp.failures.hostility).check();
    await page.getByLabel(mp.worksheet.fields.alternativeWording).fill('I miss you at weekends; could we keep one Saturday a month for us?');
    await saveWorksheet('middle-phase-communication-analysis');

    await rateOutcome({ progress: '3', stage: 'impasse', closer: 'no' });
    await setTask('Ask Sam for one Saturday a month together', 'Sam');
    const work = page.getByRole('region', { name: mp.session.worksheets });
    expect(await work.getByRole('listitem').allInnerTexts()).toEqual([expect.stringMatching(/^Interval review: Since we last met: mood 3\/10/), expect.stringMatching(/^Communication analysis \(2026-10-31, with Sam\)/)]);
    await checkPage('middle-phase-session1');
  });

  it('session 2: the task is on the agenda to review; a decision analysis', async () => {
    await page.goto(`${server.baseUrl}/sessions/${sessionIds[1]!}`);
    await page.getByText(fill(mp.section.toReview_one, { formatted: 1 })).waitFor();
    await checkPage('middle-phase-session2-session-page');
    await page.getByRole('link', { name: mp.section.open }).click();
    await heading(page, fill(mp.session.title, { number: 2 })).waitFor();
    await reviewTask('Ask Sam for one Saturday a month together', 'done', 'Sam agreed to the first Saturday', '2');

    await addWorksheet('decision-analysis');
    await page.getByLabel(mp.worksheet.fields.problem).fill('Sam plays football every Saturday');
    await page.locator('#wf-option-0').fill('Say nothing');
    await page.getByLabel(fill(mp.worksheet.prosN, { number: 1 })).fill('No row');
    await page.getByLabel(fill(mp.worksheet.consN, { number: 1 })).fill('I stay resentful');
    await page.getByRole('button', { name: mp.worksheet.addOption }).click();
    await page.locator('#wf-option-1').fill('Propose alternate Saturdays');
    await page.getByLabel(fill(mp.worksheet.prosN, { number: 2 })).fill('Fair to both\nWe plan together');
    await page.getByLabel(fill(mp.worksheet.consN, { number: 2 })).fill('He may refuse');
    await page.getByLabel('Propose alternate Saturdays', { exact: true }).check();
    await page.getByLabel(mp.worksheet.fields.firstStep).fill('Raise it calmly on Sunday evening');
    await saveWorksheet('middle-phase-decision-analysis');

    await rateOutcome({ progress: '5', stage: 'impasse', closer: 'partly' });
    await setTask('Propose alternate Saturdays to Sam', 'Sam');
    await page.getByRole('heading', { level: 3, name: mp.tasks.reviewedHere }).waitFor();
    await checkPage('middle-phase-session2');
  });

  it('session 3: a role play, saved again as a second version with its history', async () => {
    await openSessionWork(2);
    await reviewTask('Propose alternate Saturdays to Sam', 'partly', 'Raised it, but we ran out of time', '1');
    await addWorksheet('role-play');
    await page.getByLabel(mp.worksheet.fields.targetPerson).fill('Sam');
    await page.getByLabel(mp.worksheet.fields.goalRolePlay).fill('Agree alternate Saturdays');
    await page.getByLabel(mp.worksheet.fields.openingLine).fill('Can we talk about Saturdays for ten minutes?');
    await page.getByLabel(mp.worksheet.fields.confidenceBefore).selectOption('3');
    await page.getByLabel(mp.worksheet.fields.enactmentNotes).fill('Started calmly, got sharp when interrupted');
    await page.getByLabel(mp.worksheet.fields.feedbackTone).fill('Warm at first');
    await page.getByLabel(mp.worksheet.fields.revisedScript).fill('I would like us to plan Saturdays together. What would work for you?');
    await page.getByLabel(mp.worksheet.fields.confidenceAfter).selectOption('6');
    await page.getByRole('button', { name: mp.worksheet.save }).click();
    await page.getByText(mp.worksheet.created).waitFor();
    // A second version: the confidence after a second run-through.
    await page.getByLabel(mp.worksheet.fields.confidenceAfter).selectOption('8');
    await page.getByRole('button', { name: mp.worksheet.saveVersion }).click();
    await page.getByText(mp.worksheet.saved).waitFor();
    const versions = page.getByRole('region', { name: mp.worksheet.history }).getByRole('listitem').filter({ hasText: /^Version/ });
    expect(await versions.count()).toBe(2);
    await page.getByText(fill(mp.worksheet.showVersion, { version: 1 })).click();
    await checkPage('middle-phase-role-play-versions');
    await page.getByRole('link', { name: fill(mp.session.backToWork, { number: 3 }) }).click();
    await rateOutcome({ progress: '6', stage: 'impasse', closer: 'partly' });
    await checkPage('middle-phase-session3');
  });

  it('session 4: the dispute moves from impasse to renegotiation with a reason', async () => {
    await page.goto(`${server.baseUrl}/workspaces/${workspaceId}`);
    await heading(page, fill(mp.workspace.title, { area: 'Role dispute' })).waitFor();
    await page.getByLabel(mp.stage.newStage).selectOption('renegotiation');
    await page.locator('#stage-session').selectOption({ label: fill(mp.sessionNumber, { number: 4 }) });
    await page.getByLabel(mp.stage.reason).fill('Sam agreed to talk; both now negotiating Saturdays');
    await page.getByRole('button', { name: mp.stage.change, exact: true }).click();
    await page.getByText(fill(mp.stage.changed, { stage: 'Renegotiation' })).waitFor();
    const history = page.getByRole('table', { name: mp.stage.history });
    await history.getByText('Impasse → Renegotiation').waitFor();
    await history.getByText('Sam agreed to talk; both now negotiating Saturdays').waitFor();
    await checkPage('middle-phase-workspace-renegotiation');

    await openSessionWork(3);
    expect(await page.locator(`#outcome-${workspaceId}-stage`).inputValue()).toBe('renegotiation');
    await rateOutcome({ progress: '8', stage: 'renegotiation', closer: 'yes' });
    await checkPage('middle-phase-session4');
  });

  it('charts the problem-area outcomes on the episode page next to the symptom chart', async () => {
    await page.goto(`${server.baseUrl}/episodes/${episodeId}`);
    const section = page.getByRole('region', { name: mp.chart.title });
    await section.waitFor();
    await section.locator('.recharts-line-curve').first().waitFor();
    const caption = await section.locator('figcaption').innerText();
    expect(caption).toContain('session 1: Progress on the problem area (0–10) 3, Stage of the dispute Impasse, Expectations closer? No');
    expect(caption).toContain('session 4: Progress on the problem area (0–10) 8, Stage of the dispute Renegotiation, Expectations closer? Yes, closer');
    await checkPage('middle-phase-episode-chart');

    const outcomes = await api('GET', `/api/v1/episodes/${episodeId}/outcomes`);
    const points = (outcomes.json.workspaces as Array<{ points: Array<{ progress: number; stage: string }> }>)[0]!.points;
    expect(points.map((p) => [p.progress, p.stage])).toEqual([[3, 'impasse'], [5, 'impasse'], [6, 'impasse'], [8, 'renegotiation']]);
    const tasks = await api('GET', `/api/v1/episodes/${episodeId}/tasks?status=all`);
    expect((tasks.json.items as Array<{ status: string; review: { outcome: string } | null }>).map((t) => t.review?.outcome)).toEqual(['done', 'partly']);
  });

  it('says so when the record changed meanwhile (412) and when the session is signed (423)', async () => {
    await page.goto(`${server.baseUrl}/workspaces/${workspaceId}`);
    await page.locator('#ws-summary').fill('Moved from impasse to renegotiation over four sessions.');
    const current = await api('GET', `/api/v1/workspaces/${workspaceId}`);
    expect((await api('PATCH', `/api/v1/workspaces/${workspaceId}`, { goals: ['Plan Saturdays together'] }, { 'if-match': current.etag })).status).toBe(200);
    await page.getByRole('button', { name: mp.workspace.saveGoals }).click();
    await page.getByText(mp.errors.staleTitle).waitFor();
    await page.getByText(mp.errors.stale).waitFor();
    // The message shows at once; the page then reloads the record and the form takes its new version.
    await expect.poll(() => page.locator('#ws-goals').inputValue()).toBe('Plan Saturdays together');
    await checkPage('middle-phase-stale');

    // Session 1 is signed in another tab: the worksheet page answers 423 and then shows it read-only.
    const worksheets = await api('GET', `/api/v1/sessions/${sessionIds[0]!}/worksheets`);
    const interval = (worksheets.json.items as Array<{ id: string; kind: string }>).find((w) => w.kind === 'interval-review')!;
    await page.goto(`${server.baseUrl}/worksheets/${interval.id}`);
    await page.getByLabel(mp.worksheet.fields.eventMoodLink).fill('Rows bring the mood down');
    const session = await api('GET', `/api/v1/sessions/${sessionIds[0]!}`);
    expect((await api('POST', `/api/v1/sessions/${sessionIds[0]!}/sign`, undefined, { 'if-match': session.etag })).status).toBe(200);
    await page.getByRole('button', { name: mp.worksheet.saveVersion }).click();
    await page.getByText(mp.errors.lockedTitle).waitFor();
    await page.getByText(mp.worksheet.locked).waitFor();
    await checkPage('middle-phase-signed');
    expect(watched.problems).toEqual([]);
  });
  it('opens a second workspace by hand (interpersonal deficits) and records contacts as rows', async () => {
    await page.goto(`${server.baseUrl}/episodes/${episodeId}/workspaces`);
    await heading(page, mp.workspaces.title).waitFor();
    await page.getByLabel(mp.workspaces.area).selectOption('interpersonal-deficits');
    await page.locator('#open-goals').fill('Meet one new person a week');
    await page.getByRole('button', { name: mp.workspaces.open }).click();
    await heading(page, fill(mp.workspace.title, { area: 'Interpersonal deficits' })).waitFor();
    expect(await page.locator('#ws-goals').inputValue()).toBe('Meet one new person a week');
    await page.locator('#details-presentPatterns').fill('Stays in most evenings');
    await page.getByRole('button', { name: mp.details.addContact }).click();
    await page.getByLabel(fill(mp.details.contactWho, { number: 1 })).fill('Neighbour Ana');
    await page.getByLabel(fill(mp.details.contactDate, { number: 1 })).fill('2026-11-28');
    await page.getByLabel(fill(mp.details.contactWhat, { number: 1 })).fill('Coffee, talked for an hour');
    await page.getByRole('button', { name: mp.workspace.saveDetails }).click();
    await page.getByText(mp.workspace.detailsSaved).waitFor();
    expect(await page.getByLabel(fill(mp.details.contactWho, { number: 1 })).inputValue()).toBe('Neighbour Ana');
    await checkPage('middle-phase-workspace-deficits');
    const listed = await api('GET', `/api/v1/episodes/${episodeId}/workspaces`);
    const deficits = (listed.json.items as Array<{ area: string; details: { contactsMade: unknown[]; presentPatterns: string[] } }>).find((w) => w.area === 'interpersonal-deficits')!;
    expect(deficits.details).toMatchObject({ presentPatterns: ['Stays in most evenings'], contactsMade: [{ who: 'Neighbour Ana', date: '2026-11-28', whatHappened: 'Coffee, talked for an hour' }] });
    // Two areas is the limit: the form to open another is gone.
    await page.goto(`${server.baseUrl}/episodes/${episodeId}/workspaces`);
    await heading(page, mp.workspaces.title).waitFor();
    expect(await page.getByRole('button', { name: mp.workspaces.open }).count()).toBe(0);
    expect(watched.problems).toEqual([]);
  });
});
