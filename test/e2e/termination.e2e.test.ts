/**
 * The termination journey, in a real browser against the real server. An IPT episode of 12
 * contracted sessions is seeded through the API (eight sessions, PHQ-9 falling from 18 to 4, a role
 * dispute with Sam with its outcomes, a task that helped, a timeline event). In the browser the
 * clinician raises the ending in session 8 (agenda item, signed note), checks the progress review's
 * numbers, records feelings about ending and the goals, builds and signs the relapse-prevention
 * plan, chooses maintenance IPT and starts the linked maintenance episode, signs the termination
 * note and ends the episode. axe-core runs on every page; screenshots at 1280 and 360 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import en from '../../src/web/i18n/en.json';
import type { RunningServer } from './harness';
import { acceptInvitation, apiClient, checkPage as checkPageOf, ensureWebBuild, heading, launchBrowser, newPerson, screenshot, setUpOrganization, startServer, watchPage } from './harness';

const admin = { name: 'Amina Okafor', email: 'amina@ending.example', password: 'correct horse battery staple' };
const clinician = { name: 'Bongani Dlamini', email: 'bongani@ending.example', password: 'a long passphrase for bongani' };
const client = { name: 'Elif Demir', dob: '1984-06-02' };
const crisisLine = { name: 'Harbour Crisis Line', phone: '0800 123 456', description: 'Free, day and night' };
/** PHQ-9 totals of sessions 1–8: 18 at the start, 4 at session 8. */
const totals = [18, 16, 14, 12, 10, 8, 6, 4];
/** PHQ-9 answers with the given total, item 9 kept at 0. */
const phq9 = (total: number) => Object.fromEntries(Array.from({ length: 9 }, (_, i) => [String(i + 1), i === 8 ? 0 : Math.min(3, Math.max(0, total - 3 * i))]));

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watched: { problems: string[] };

const checkPage = (name: string) => checkPageOf(page, name);

describe('termination journey', () => {
  let clinicianApi: ReturnType<typeof apiClient>;
  let episodeId = '';
  const sessionIds: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    server = await startServer();
    browser = await launchBrowser();
    const call = apiClient(server.baseUrl);
    await setUpOrganization(call, admin);
    const invite = await call('POST', '/api/v1/invitations', { email: clinician.email, role: 'clinician' });
    const organization = await call('GET', '/api/v1/organization');
    expect((await call('PATCH', '/api/v1/organization', { risk: { ...(organization.json.risk as object), crisisResources: [crisisLine] } }, { 'if-match': organization.etag })).status).toBe(200);

    context = await newPerson(browser);
    page = await context.newPage();
    watched = watchPage(page);
    await acceptInvitation(page, String(invite.json.link), clinician);

    // The record so far, through the API as the clinician.
    clinicianApi = apiClient(server.baseUrl);
    expect((await clinicianApi('POST', '/api/v1/auth/login', { email: clinician.email, password: clinician.password })).status).toBe(200);
    const created = await clinicianApi('POST', '/api/v1/clients', { displayName: client.name, dateOfBirth: client.dob });
    const episode = await clinicianApi('POST', `/api/v1/clients/${String(created.json.id)}/episodes`, { protocolId: 'ipt-acute', startDate: '2026-09-01', contractedSessions: 12 });
    expect(episode.status).toBe(201);
    episodeId = String(episode.json.id);
    await clinicianApi('POST', `/api/v1/episodes/${episodeId}/timeline/events`, { date: '2026-08-10', title: 'Row with Sam about money', kind: 'conflict' });
    const workspace = await clinicianApi('POST', `/api/v1/episodes/${episodeId}/workspaces`, { area: 'role-dispute', otherParty: 'Sam', stage: 'impasse', goals: ['Talk with Sam about weekends'] });
    expect(workspace.status).toBe(201);
    for (const [index, total] of totals.entries()) {
      const day = new Date(Date.UTC(2026, 8, 1 + 7 * index)).toISOString().slice(0, 10);
      const session = await clinicianApi('POST', `/api/v1/episodes/${episodeId}/sessions`, { startsAt: `${day}T10:00:00.000Z` });
      expect(session.status).toBe(201);
      const id = String(session.json.id);
      sessionIds.push(id);
      expect((await clinicianApi('PATCH', `/api/v1/sessions/${id}`, { attendance: 'attended' }, { 'if-match': session.etag })).status).toBe(200);
      expect((await clinicianApi('POST', `/api/v1/sessions/${id}/measures`, { instrumentId: 'phq-9', answers: phq9(total) })).status).toBe(201);
      if (index === 1 || index === 6) {
        const outcome = await clinicianApi('PUT', `/api/v1/workspaces/${String(workspace.json.id)}/outcomes/${id}`, { progress: index === 1 ? 2 : 8 }, { 'if-match': '"0"' });
        expect(outcome.status).toBe(200);
      }
      if (index === 2) {
        const task = await clinicianApi('POST', `/api/v1/sessions/${id}/tasks`, { what: 'Ask Sam for a walk on Sunday' });
        sessionIds.push(`task:${String(task.json.id)}:${task.etag}`);
      }
      if (index === 3) {
        const [, taskId, etag] = sessionIds.find((s) => s.startsWith('task:'))!.split(':');
        expect((await clinicianApi('POST', `/api/v1/tasks/${taskId}/review`, { sessionId: id, outcome: 'done', moodEffect: 3 }, { 'if-match': etag! })).status).toBe(200);
      }
    }
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('raises the ending in session 8: the agenda item is ticked and the note signed', async () => {
    const session8 = sessionIds.filter((s) => !s.startsWith('task:'))[7]!;
    const before = await clinicianApi('GET', `/api/v1/episodes/${episodeId}`);
    expect(before.json.terminationDiscussedAt).toBeNull();
    await page.goto(`${server.baseUrl}/sessions/${session8}`);
    const item = page.getByRole('checkbox', { name: /Talk about the ending/ });
    await item.waitFor();
    await item.check();
    await page.waitForTimeout(300);
    await checkPage('termination-session-raise-ending');
    await page.getByRole('button', { name: en.sessions.note.sign }).click();
    await page.getByRole('button', { name: en.sessions.sign.confirm }).click();
    await page.getByText(en.sessions.signed.done).waitFor();
    const after = await clinicianApi('GET', `/api/v1/episodes/${episodeId}`);
    expect(after.json.terminationDiscussedAt).not.toBeNull();
  });

  it('shows the progress review with the numbers from the record', async () => {
    await page.goto(`${server.baseUrl}/episodes/${episodeId}`);
    await page.getByRole('link', { name: en.termination.link }).click();
    await heading(page, en.termination.title).waitFor();
    const row = page.getByRole('row', { name: /PHQ-9/ });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]).toBe('18 (session 1)');
    expect(cells[1]).toBe('4 (session 8)');
    expect(cells[2]).toBe('-14 (-78%)');
    expect(cells[3]).toContain('Response: at least half lower than at the start. In remission. Reliable improvement.');
    await page.getByText(en.termination.responder.responder).waitFor();
    await page.getByText(/Role dispute \(Sam\).*stage Impasse → Impasse.*progress 2 → 8/).waitFor();
    await page.getByText('1 set: 1 done, 0 partly, 0 not done, 0 not reviewed.').waitFor();
    await checkPage('termination-review');
  });

  it('records feelings about ending, the goal and the next step as a draft', async () => {
    await page.getByLabel(en.termination.record.feelings).fill('Sad to stop, and proud of the change.');
    await page.getByLabel(en.termination.record.clientView).fill('Talking to Sam instead of going quiet.');
    await page.getByLabel(en.termination.record.remains).fill('Weekends with Sam are still tense.');
    await page.getByLabel('Talk with Sam about weekends').selectOption('partly');
    await page.getByLabel(en.termination.record.nextStepChoice).selectOption('maintenance');
    await page.locator('#next-reason').fill('Monthly sessions to stay well.');
    await page.getByRole('button', { name: en.termination.record.save }).click();
    await page.getByRole('status').filter({ hasText: en.termination.record.saved }).waitFor();
    const record = await clinicianApi('GET', `/api/v1/episodes/${episodeId}/termination`);
    expect(record.json).toMatchObject({ status: 'draft', record: { feelingsAboutEnding: 'Sad to stop, and proud of the change.', goals: [{ text: 'Talk with Sam about weekends', status: 'partly' }], nextStep: { kind: 'maintenance' } } });
  });

  it('builds the relapse-prevention plan from the prefill, signs and shares it', async () => {
    const triggers = page.getByLabel(en.termination.plan.fields.triggers);
    expect(await triggers.inputValue()).toBe('Role dispute with Sam: signs of the same difficulty again\nEvents like: Row with Sam about money');
    expect(await page.getByLabel(en.termination.plan.fields.strategies).inputValue()).toBe('Ask Sam for a walk on Sunday');
    expect(await page.getByLabel(en.termination.plan.fields.crisisContacts).inputValue()).toBe(`${crisisLine.name} — ${crisisLine.phone} — ${crisisLine.description}`);
    await page.getByLabel(en.termination.plan.fields.warningSigns).fill('Sleeping badly for a week\nAvoiding Sam');
    await page.getByLabel(en.termination.plan.fields.people).fill('Ana — 0700 555 111 — sister');
    await page.getByLabel(en.termination.plan.fields.whenToSeekHelp).fill('If the warning signs last two weeks, call the clinic.');
    await page.getByLabel(en.termination.plan.fields.boosterPlan).fill('Monthly maintenance sessions.');
    await checkPage('termination-plan-editor');
    await page.getByRole('button', { name: en.termination.plan.sign }).click();
    await page.getByRole('status').filter({ hasText: en.termination.plan.signedMessage }).waitFor();
    await page.getByRole('checkbox', { name: en.termination.plan.share }).click();
    await page.getByRole('status').filter({ hasText: en.termination.plan.sharedMessage }).waitFor();
    const plan = await clinicianApi('GET', `/api/v1/episodes/${episodeId}/relapse-plan`);
    expect(plan.json).toMatchObject({ status: 'signed', sharedWithClient: true, plan: { warningSigns: ['Sleeping badly for a week', 'Avoiding Sam'], people: [{ name: 'Ana', phone: '0700 555 111', note: 'sister' }] } });
    await page.getByRole('button', { name: en.termination.plan.print }).waitFor();
    await checkPage('termination-plan-signed');
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'termination-plan-print');
    await page.emulateMedia({ media: 'screen' });
  });

  it('starts the linked maintenance episode, signs the termination note and ends the episode', async () => {
    await page.getByLabel(en.termination.maintenance.startDate).fill('2026-11-15');
    await page.getByRole('button', { name: en.termination.maintenance.start }).click();
    await page.getByRole('link', { name: en.termination.maintenance.open }).waitFor();
    const record = await clinicianApi('GET', `/api/v1/episodes/${episodeId}/termination`);
    const maintenance = await clinicianApi('GET', `/api/v1/episodes/${String(record.json.maintenanceEpisodeId)}`);
    expect(maintenance.json).toMatchObject({ previousEpisodeId: episodeId, protocol: { id: 'ipt-maintenance' }, startDate: '2026-11-15' });

    await page.getByRole('button', { name: en.termination.record.sign }).click();
    await page.getByRole('status').filter({ hasText: en.termination.record.signedMessage }).waitFor();
    await page.getByText('Sad to stop, and proud of the change.').waitFor();
    await page.locator('#end-reason').selectOption('completed');
    await checkPage('termination-note-signed');
    await page.getByRole('button', { name: en.termination.end.button }).click();
    await page.getByRole('status').filter({ hasText: /The episode ended on .*: Completed\./ }).waitFor();
    const ended = await clinicianApi('GET', `/api/v1/episodes/${episodeId}`);
    expect(ended.json).toMatchObject({ status: 'ended', endReason: 'completed' });
    const signed = await clinicianApi('GET', `/api/v1/episodes/${episodeId}/termination`);
    expect(signed.json).toMatchObject({ status: 'signed' });
    expect(String(signed.json.signedHash)).toMatch(/^[0-9a-f]{64}$/);
    await checkPage('termination-ended');

    await page.getByRole('link', { name: en.termination.maintenance.open }).click();
    await page.waitForURL(`**/episodes/${String(record.json.maintenanceEpisodeId)}`);
    await heading(page, /IPT-M/).waitFor();
    await checkPage('termination-maintenance-episode');
    expect(watched.problems).toEqual([]);
  });
});
