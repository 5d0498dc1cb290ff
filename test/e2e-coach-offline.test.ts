// Kitchen table, in Chromium, keyboard only: a domain's advice walked online that loses the
// connection mid-walk carries on with the tree kept on the device – the answer just given is not
// lost – and, with the connection back, lands in the same session exactly once. When the session
// changed on the server meanwhile, the coach is told so in Dutch and nothing of the walk is written.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../server/ids.js';
import { allTableCounts } from '../server/testing/test-app.js';
import { activeElement, tabTo } from './support/browser.js';
import { axe, startStaffServer, type StaffServer } from './support/staff-server.js';

let s: StaffServer;
beforeAll(async () => {
  s = await startStaffServer([['wim', 'wijkcoach']]);
}, 180_000);
afterAll(() => s?.close());

async function press(page: Page, label: string) {
  await tabTo(page, label, 120);
  await page.keyboard.press('Enter');
}

/** A plan with the vervoer domain, its advice started online and the age answered there. */
async function walkStartedOnline(label: string) {
  const { context, page } = await s.signIn('wim', '/coach');
  await tabTo(page, 'Huishouden (initialen of dossiernummer)');
  await page.keyboard.type(label);
  await tabTo(page, 'Hulpvraag');
  await page.keyboard.type('Naar de dokter komen.');
  await press(page, 'Plan maken');
  await page.getByRole('heading', { name: `Plan: ${label}` }).waitFor();
  await tabTo(page, 'Zelf verplaatsen en vervoer');
  await page.keyboard.press('Space');
  await press(page, 'Toevoegen aan plan');
  await page.locator('form[data-domain="vervoer"]').waitFor();
  await page.getByText('Alles is bewaard op de server.').waitFor();
  await press(page, 'Advies uit de beslisboom');
  const session = page.locator('vw-staff-session');
  await session.getByRole('heading', { name: 'Hoe oud ben je?' }).waitFor();
  await tabTo(page, 'Hoe oud ben je?');
  await page.keyboard.type('80');
  await press(page, 'Volgende');
  await session.getByText('We stellen nu vragen per onderwerp.', { exact: true }).waitFor();
  const [row] = await s.db.kysely
    .selectFrom('sessions')
    .select(['id', 'version'])
    .where('channel', '=', 'wijkcoach')
    .orderBy('created_at', 'desc')
    .execute();
  return { context, page, sessionId: row!.id };
}

/** The rest of the vervoer walk, on the device: the info screen (the answer that met no server), then "Nee". */
async function answerOffline(page: Page) {
  await press(page, 'Volgende');
  const walk = page.locator('vw-coach-offline-walk');
  await walk.getByText('Geen verbinding: u gaat verder met de beslisboom die op dit apparaat is bewaard').waitFor();
  await walk.getByRole('heading', { name: 'Kan iemand uit je omgeving helpen?' }).waitFor();
  // The next question's heading has the focus, as after any answer.
  await expect.poll(async () => (await activeElement(page)).text).toBe('Kan iemand uit je omgeving helpen?');
  await tabTo(page, 'Ja');
  await page.keyboard.press('ArrowDown'); // "Nee"
  await press(page, 'Volgende');
  await walk.getByRole('heading', { name: 'Advies (op dit apparaat)' }).waitFor();
  return walk;
}

const events = (id: string) =>
  s.db.kysely.selectFrom('session_events').select(['node', 'channel', 'kind']).where('session_id', '=', id).orderBy('seq').execute();

describe('kitchen table: an online walk that loses its connection', () => {
  it('continues on the device without losing the answer, and syncs into the same session once the connection is back', async () => {
    const { context, page, sessionId } = await walkStartedOnline('Fam. O.');
    await context.setOffline(true);
    const walk = await answerOffline(page);
    await walk.locator('vw-advice-plan').getByText('Huisbezoek').first().waitFor();
    expect(await page.locator('vw-coach-app').getByText('Geen verbinding met de server.').count()).toBe(0);
    await axe(page, 'coach: online walk continued offline');

    await context.setOffline(false);
    const session = page.locator('vw-staff-session');
    await session.getByText('Het advies is compleet.').waitFor();
    await page.getByText('Er is weer verbinding: de antwoorden van dit apparaat staan in het gesprek op de server').waitFor();
    await page.getByText('Alles is bewaard op de server.').waitFor();
    // One session, every answer once and in order, each on the wijkcoach channel.
    expect(await s.db.kysely.selectFrom('sessions').select('id').where('channel', '=', 'wijkcoach').execute()).toEqual([{ id: sessionId }]);
    const log = await events(sessionId);
    expect(log.map((e) => e.node)).toEqual(['domeinen', 'leeftijd', expect.any(String), expect.any(String)]);
    expect(log.every((e) => e.channel === 'wijkcoach' && e.kind === 'answer')).toBe(true);
    await session.getByRole('heading', { name: 'Verloop (4)' }).waitFor();

    await press(page, 'Klaar met advies');
    const walked = page.locator('form[data-domain="vervoer"] .walked');
    await walked.getByRole('heading', { name: 'Advies uit de beslisboom' }).waitFor();
    expect(await walked.locator('li').allTextContents()).toEqual(['Buurthuis (vervoer)', 'Huisbezoek']);
    // A reload sends nothing again.
    await page.reload();
    await page.getByText('Alles is bewaard op de server.').waitFor();
    expect(await events(sessionId)).toHaveLength(4);
    await context.close();
  }, 120_000);

  it('says in Dutch that the session changed on the server meanwhile, and writes nothing of the walk', async () => {
    const { context, page, sessionId } = await walkStartedOnline('Fam. P.');
    await context.setOffline(true);
    await answerOffline(page);
    // Meanwhile a colleague (or the resident) goes back a question in the same session.
    const token = 'colleague-token-0123456789abcdef';
    await s.kit.deps.store.sessions.addToken(sessionId, hashSecret(token), 'resume', new Date().toISOString());
    const { version } = await s.db.kysely.selectFrom('sessions').select('version').where('id', '=', sessionId).executeTakeFirstOrThrow();
    const back = await fetch(`${s.url}/api/sessions/${sessionId}/back`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: Number(version), idempotencyKey: 'colleague-back-0001' }),
    });
    expect(back.status).toBe(200);
    const before = await allTableCounts(s.db);

    await context.setOffline(false);
    const walk = page.locator('vw-coach-offline-walk');
    await walk
      .getByRole('alert')
      .getByText('Het advies-gesprek is intussen op de server veranderd, door de inwoner of een collega.')
      .waitFor();
    await page.getByText('Niet alles is overgenomen door de server: zie het plan hieronder.').waitFor();
    expect(await walk.locator('dl').innerText()).toContain('80');
    expect(await allTableCounts(s.db)).toEqual(before);
    await axe(page, 'coach: continued walk refused');

    // The coach drops the device's copy and opens the session as the server has it: still one session.
    await press(page, 'Verwijderen van dit apparaat en het gesprek op de server openen');
    await page.locator('vw-staff-session').getByRole('heading', { name: 'Verloop (1)' }).waitFor();
    expect((await allTableCounts(s.db)).sessions).toBe(before.sessions);
    await context.close();
  }, 120_000);
});
