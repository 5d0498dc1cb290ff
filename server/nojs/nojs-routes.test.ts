// The no-JavaScript pages over HTTP: the same sessions as the API, one answer per form however
// often it is sent, and no change from a form without the session's CSRF token or from another site.
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tableCounts, testApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({
    config: {
      treeDirs: [resolve('trees/haarlem')],
      staticDir: resolve('server/static'),
      corsOrigins: { haarlem: ['https://www.haarlem.nl'] },
    },
  });
});
afterEach(() => t.close());

/** A browser without scripts: it keeps the cookie and submits forms as urlencoded bodies. */
function resident() {
  let cookie = '';
  const send = async (method: string, path: string, form?: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const body = form && new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])));
    const res = await t.app.request(path, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
      ...(body ? { body: body.toString() } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) cookie = /Max-Age=0/i.test(set) ? '' : set.split(';')[0]!;
    return res;
  };
  return { send, cookie: () => cookie };
}

/** The hidden fields and the action of the form that posts to `action`. */
function formOf(page: string, action: string) {
  const start = page.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action} in:\n${page}`);
  const form = page.slice(start, page.indexOf('</form>', start));
  return Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}

const sessionIdOf = (cookie: string) => /^vw_sessie=([^.]+)\./.exec(cookie)![1]!;
const eventsOf = async (cookie: string) => (await t.deps.store.sessions.events(sessionIdOf(cookie))).length;

async function firstAnswer(r: ReturnType<typeof resident>, door: string) {
  const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
  const res = await r.send('POST', '/vraagwijzer/haarlem', { ...formOf(page, '/vraagwijzer/haarlem'), answer: door });
  expect(res.status).toBe(303);
  return res;
}

describe('the no-JavaScript walk', () => {
  it('shows the first question with the help bar numbers of gemeente.json, and starts no session for a look', async () => {
    const before = await tableCounts(t.db);
    const page = await (await resident().send('GET', '/vraagwijzer/haarlem')).text();
    expect(page).toContain('<legend><h1>Waar kunnen we je mee helpen?</h1></legend>');
    // trees/haarlem/gemeente.json's help bar: 112, Veilig Thuis 0800-2000, 113.
    for (const tel of ['tel:112', 'tel:08002000', 'tel:113']) expect(page).toContain(`href="${tel}"`);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('a first answer left empty is named at the top, linked to the field, and stores nothing', async () => {
    const r = resident();
    const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    const before = await tableCounts(t.db);
    const res = await r.send('POST', '/vraagwijzer/haarlem', formOf(page, '/vraagwijzer/haarlem'));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<h2 id="error-summary-title">Er is een probleem</h2>');
    expect(html).toContain('<a href="#answer-0">Kies één antwoord.</a>');
    expect(html).toMatch(/<p class="error-message" id="answer-error">.*Kies één antwoord\.<\/p>/);
    expect(await tableCounts(t.db)).toEqual(before);
    expect(r.cookie()).toBe('');
  });

  it("keeps the session token in an HttpOnly, SameSite cookie for this municipality's pages only", async () => {
    const r = resident();
    const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    const res = await r.send('POST', '/vraagwijzer/haarlem', { ...formOf(page, '/vraagwijzer/haarlem'), answer: 'zorgen' });
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\/vraagwijzer\/haarlem/);
    expect(res.headers.get('location')).toBe('/vraagwijzer/haarlem');
  });

  it('a double-submitted form is one answer: the first question and a later one', async () => {
    const r = resident();
    const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    const first = { ...formOf(page, '/vraagwijzer/haarlem'), answer: 'zorgen' };
    expect((await r.send('POST', '/vraagwijzer/haarlem', first)).status).toBe(303);
    const session = r.cookie();
    expect((await r.send('POST', '/vraagwijzer/haarlem', first)).status).toBe(303);
    // The same session, still one answer.
    expect(sessionIdOf(r.cookie())).toBe(sessionIdOf(session));
    expect(await eventsOf(session)).toBe(1);

    const second = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    const fields = formOf(second, '/vraagwijzer/haarlem/antwoord');
    const option = /name="answer" id="answer-0" value="([^"]+)"/.exec(second)![1]!;
    const body = { ...fields, answer: option };
    expect((await r.send('POST', '/vraagwijzer/haarlem/antwoord', body)).status).toBe(303);
    expect((await r.send('POST', '/vraagwijzer/haarlem/antwoord', body)).status).toBe(303);
    expect(await eventsOf(session)).toBe(2);
    expect((await t.deps.store.sessions.find(sessionIdOf(session)))!.version).toBe(2);
  });

  it('a form from an older version of the session changes nothing and says so', async () => {
    const r = resident();
    await firstAnswer(r, 'zorgen');
    const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    const stale = {
      ...formOf(page, '/vraagwijzer/haarlem/antwoord'),
      answer: /name="answer" id="answer-0" value="([^"]+)"/.exec(page)![1]!,
    };
    const fresh = { ...stale, key: 'another-key-123' };
    expect((await r.send('POST', '/vraagwijzer/haarlem/antwoord', fresh)).status).toBe(303);
    const before = await tableCounts(t.db);
    const res = await r.send('POST', '/vraagwijzer/haarlem/antwoord', { ...stale, key: 'yet-another-key-456' });
    expect(res.headers.get('location')).toBe('/vraagwijzer/haarlem?let-op=conflict');
    expect(await tableCounts(t.db)).toEqual(before);
    expect(await (await r.send('GET', res.headers.get('location')!)).text()).toContain(
      'iemand anders heeft dit gesprek intussen aangepast',
    );
  });

  it('"Vorige vraag" undoes the last answer, and a changed answer from the list revises the session', async () => {
    const r = resident();
    await firstAnswer(r, 'zorgen');
    const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    expect(page).toContain('formaction="/vraagwijzer/haarlem/vorige"');
    expect((await r.send('POST', '/vraagwijzer/haarlem/vorige', formOf(page, '/vraagwijzer/haarlem/antwoord'))).status).toBe(303);
    expect(await (await r.send('GET', '/vraagwijzer/haarlem')).text()).toContain('<legend><h1>Waar kunnen we je mee helpen?</h1></legend>');
    const events = await t.deps.store.sessions.events(sessionIdOf(r.cookie()));
    expect(events.map((e) => e.kind)).toEqual(['answer', 'back']);

    // Answer again, then change the door from the list of answers: one revise, and the spoed advice.
    const again = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    await r.send('POST', '/vraagwijzer/haarlem/antwoord', { ...formOf(again, '/vraagwijzer/haarlem/antwoord'), answer: 'zorgen' });
    const list = await (await r.send('GET', '/vraagwijzer/haarlem/antwoorden')).text();
    expect(list).toContain('href="/vraagwijzer/haarlem/wijzig?node=deur"');
    const change = await (await r.send('GET', '/vraagwijzer/haarlem/wijzig?node=deur')).text();
    expect(change).toMatch(/value="zorgen" checked/);
    await r.send('POST', '/vraagwijzer/haarlem/antwoord', { ...formOf(change, '/vraagwijzer/haarlem/antwoord'), answer: 'spoed' });
    const kinds = (await t.deps.store.sessions.events(sessionIdOf(r.cookie()))).map((e) => e.kind);
    expect(kinds).toEqual(['answer', 'back', 'answer', 'revise']);
    expect(await (await r.send('GET', '/vraagwijzer/haarlem')).text()).toContain('<h1>Jouw advies</h1>');
  });

  it("an expired session says so in the resident's words and starts again, with the cookie dropped", async () => {
    const r = resident();
    await firstAnswer(r, 'zorgen');
    const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    t.clock.advance(t.deps.config.sessionTtlMs + 60_000);
    const before = await tableCounts(t.db);
    const res = await r.send('POST', '/vraagwijzer/haarlem/antwoord', { ...formOf(page, '/vraagwijzer/haarlem/antwoord'), answer: 'x' });
    expect(res.headers.get('location')).toBe('/vraagwijzer/haarlem?let-op=gone');
    expect(r.cookie()).toBe('');
    const again = await (await r.send('GET', res.headers.get('location')!)).text();
    expect(again).toContain('Dit gesprek is niet meer beschikbaar.');
    expect(again).toContain('<legend><h1>Waar kunnen we je mee helpen?</h1></legend>');
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('escapes what a resident typed when it is shown again', async () => {
    const r = resident();
    await firstAnswer(r, 'zorgen');
    const page = await (await r.send('GET', '/vraagwijzer/haarlem/zorg')).text();
    const res = await r.send('POST', '/vraagwijzer/haarlem/zorg', {
      ...formOf(page, '/vraagwijzer/haarlem/zorg'),
      noticed: '<script>alert(1)</script>',
      email: '"><img src=x>',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(html).toContain('value="&quot;&gt;&lt;img src=x&gt;"');
    expect(html).not.toContain('<img src=x>');
  });
});

describe('"Snel weg" without JavaScript', () => {
  it('is the first link of every page, and leaves for the neutral page with the session cookie dropped', async () => {
    const r = resident();
    await firstAnswer(r, 'oplossing');
    expect(r.cookie()).not.toBe('');
    for (const path of [
      '/vraagwijzer/haarlem',
      '/vraagwijzer/haarlem/antwoorden',
      '/vraagwijzer/haarlem/code',
      '/vraagwijzer/haarlem?lang=en',
    ]) {
      const page = await (await r.send('GET', path)).text();
      const first = /<body>\s*(<a [^>]*>[^<]*<\/a>)/.exec(page)?.[1];
      expect(first, path).toBe(
        `<a class="vw-quick-exit" href="/vraagwijzer/haarlem/snel-weg" rel="noreferrer">${path.includes('lang=en') ? 'Leave this page' : 'Snel weg'}</a>`,
      );
    }
    const before = await tableCounts(t.db);
    const res = await r.send('GET', '/vraagwijzer/haarlem/snel-weg');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://www.google.nl/');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(r.cookie()).toBe('');
    // Back and reload on this browser: the first question again, not the answers given.
    const again = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    expect(again).toContain('<legend><h1>Waar kunnen we je mee helpen?</h1></legend>');
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('is in the first paint too, by absolute URL in the embed snippet', async () => {
    const snippet = await (await t.app.request('/embed/haarlem.html', { headers: { host: 'vw.example' } })).text();
    expect(snippet).toMatch(
      /<a class="vw-quick-exit" href="http:\/\/[^"]+\/vraagwijzer\/haarlem\/snel-weg" rel="noreferrer">Snel weg<\/a>/,
    );
  });
});

describe('the same session type as the widget', () => {
  it('a code shown on the no-JS pages resumes through the API, with the same answers', async () => {
    const r = resident();
    await firstAnswer(r, 'zorgen');
    const page = await (await r.send('GET', '/vraagwijzer/haarlem/code')).text();
    const code = /<span class="code">([A-Z0-9-]+)<\/span>/.exec(page)![1]!;
    const res = await t.request('POST', '/api/resume', { code });
    expect(res.status).toBe(200);
    const resumed = (await res.json()) as { id: string; state: { trail: { node: string; value: unknown }[] } };
    expect(resumed.id).toBe(sessionIdOf(r.cookie()));
    expect(resumed.state.trail.map((e) => [e.node, e.value])).toEqual([['deur', 'zorgen']]);
  });

  it('a code from the API (the widget) resumes on the no-JS pages where the session was', async () => {
    const created = (await (await t.request('POST', '/api/sessions', { tree: 'haarlem/start' })).json()) as {
      id: string;
      token: string;
      resumeCode: string;
    };
    const auth = { authorization: `Bearer ${created.token}` };
    const answered = await t.request(
      'POST',
      `/api/sessions/${created.id}/answers`,
      { node: 'deur', value: 'zorgen', version: 0, idempotencyKey: 'api-key-0001' },
      auth,
    );
    const state = (await answered.json()) as { step: { text: string } };
    const r = resident();
    const res = await r.send('POST', '/vraagwijzer/haarlem/verder', { code: created.resumeCode.toLowerCase().replace('-', ' ') });
    expect(res.headers.get('location')).toBe('/vraagwijzer/haarlem?let-op=resumed');
    expect(sessionIdOf(r.cookie())).toBe(created.id);
    const page = await (await r.send('GET', res.headers.get('location')!)).text();
    expect(page).toContain('Welkom terug.');
    expect(page).toContain(`<h1>${state.step.text}</h1>`);
  });

  it("a wrong code is refused on the page, in the resident's words", async () => {
    const res = await resident().send('POST', '/vraagwijzer/haarlem/verder', { code: 'KKKK-KKKK' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<a href="#code">Deze code kennen we niet, of hij is verlopen.');
  });
});

describe('CSRF and origin', () => {
  async function started() {
    const r = resident();
    await firstAnswer(r, 'zorgen');
    const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    const form = {
      ...formOf(page, '/vraagwijzer/haarlem/antwoord'),
      answer: /name="answer" id="answer-0" value="([^"]+)"/.exec(page)![1]!,
    };
    return { r, form };
  }

  it.each([
    ['without the CSRF token', (f: Record<string, string>) => ({ ...f, csrf: '' })],
    ["with another session's CSRF token", (f: Record<string, string>) => ({ ...f, csrf: 'A'.repeat(43) })],
  ])('a POST %s is refused and changes nothing', async (_, tamper) => {
    const { r, form } = await started();
    const before = await tableCounts(t.db);
    const res = await r.send('POST', '/vraagwijzer/haarlem/antwoord', tamper(form));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Er is niets veranderd.');
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('a POST from another origin is refused and changes nothing, also for the first answer and a concern', async () => {
    const { r, form } = await started();
    const evil = { origin: 'https://evil.example' };
    const before = await tableCounts(t.db);
    expect((await r.send('POST', '/vraagwijzer/haarlem/antwoord', form, evil)).status).toBe(403);
    const fresh = resident();
    const page = await (await fresh.send('GET', '/vraagwijzer/haarlem')).text();
    expect(
      (await fresh.send('POST', '/vraagwijzer/haarlem', { ...formOf(page, '/vraagwijzer/haarlem'), answer: 'spoed' }, evil)).status,
    ).toBe(403);
    const concern = await (await r.send('GET', '/vraagwijzer/haarlem/zorg')).text();
    const report = {
      ...formOf(concern, '/vraagwijzer/haarlem/zorg'),
      about: 'oudere',
      noticed: 'Zie haar niet meer.',
      urgency: 'niet-dringend',
    };
    expect((await r.send('POST', '/vraagwijzer/haarlem/zorg', report, evil)).status).toBe(403);
    expect(await tableCounts(t.db)).toEqual(before);
    // The municipality's own site may post the first answer (its embed snippet does).
    expect(
      (
        await fresh.send(
          'POST',
          '/vraagwijzer/haarlem',
          { ...formOf(page, '/vraagwijzer/haarlem'), answer: 'spoed' },
          { origin: 'https://www.haarlem.nl' },
        )
      ).status,
    ).toBe(303);
  });
});

describe('"Origin: null" and the language', () => {
  it('a form posted under a no-referrer policy (Origin: null) is taken with the CSRF token and refused without it', async () => {
    const r = resident();
    const start = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    const nullOrigin = { origin: 'null' };
    expect(
      (await r.send('POST', '/vraagwijzer/haarlem', { ...formOf(start, '/vraagwijzer/haarlem'), answer: 'zorgen' }, nullOrigin)).status,
    ).toBe(303);
    const page = await (await r.send('GET', '/vraagwijzer/haarlem')).text();
    const form = {
      ...formOf(page, '/vraagwijzer/haarlem/antwoord'),
      answer: /name="answer" id="answer-0" value="([^"]+)"/.exec(page)![1]!,
    };
    expect((await r.send('POST', '/vraagwijzer/haarlem/antwoord', { ...form, csrf: '' }, nullOrigin)).status).toBe(403);
    expect(await eventsOf(r.cookie())).toBe(1);
    expect((await r.send('POST', '/vraagwijzer/haarlem/antwoord', form, nullOrigin)).status).toBe(303);
    expect(await eventsOf(r.cookie())).toBe(2);
  });

  it('?lang=en asks the questions in English, in a session whose language is English', async () => {
    const r = resident();
    const start = await (await r.send('GET', '/vraagwijzer/haarlem?lang=en')).text();
    expect(start).toContain('<html lang="en">');
    expect(start).toContain('action="/vraagwijzer/haarlem?lang=en"');
    const res = await r.send('POST', '/vraagwijzer/haarlem?lang=en', { ...formOf(start, '/vraagwijzer/haarlem?lang=en') });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('<h2 id="error-summary-title">There is a problem</h2>');
    await r.send('POST', '/vraagwijzer/haarlem?lang=en', { ...formOf(start, '/vraagwijzer/haarlem?lang=en'), answer: 'spoed' });
    expect((await t.deps.store.sessions.find(sessionIdOf(r.cookie())))!.locale).toBe('en');
    expect(await (await r.send('GET', '/vraagwijzer/haarlem')).text()).toContain('<h1>Your advice</h1>');
  });
});

describe('a concern from the no-JS pages', () => {
  it('is stored once through the concern service, however often the form is sent, and its status page shows no content', async () => {
    const r = resident();
    await firstAnswer(r, 'zorgen');
    const page = await (await r.send('GET', '/vraagwijzer/haarlem/zorg')).text();
    const report = {
      ...formOf(page, '/vraagwijzer/haarlem/zorg'),
      about: 'oudere',
      noticed: 'Mijn buurvrouw komt niet meer buiten.',
      urgency: 'binnen-een-week',
      area: 'Schalkwijk',
    };
    const first = await r.send('POST', '/vraagwijzer/haarlem/zorg', report);
    const again = await r.send('POST', '/vraagwijzer/haarlem/zorg', report);
    expect(first.status).toBe(303);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect((await tableCounts(t.db)).concerns).toBe(1);
    const status = await (await r.send('GET', first.headers.get('location')!)).text();
    expect(status).toContain('Je melding is ontvangen');
    expect(status).toContain('Ontvangen. Nog niet opgepakt.');
    expect(status).not.toContain('buurvrouw');
  });
});

describe('the first paint on the demo pages and in the embed snippet', () => {
  it('the demo page has the help bar and the first question as a working form inside <vraag-wijzer>', async () => {
    const page = await (await t.request('GET', '/demo/haarlem')).text();
    const inside = page.slice(page.indexOf('<vraag-wijzer'), page.indexOf('</vraag-wijzer>'));
    expect(inside).toContain('<form method="post" action="/vraagwijzer/haarlem" novalidate>');
    expect(inside).toContain('<legend><h2>Waar kunnen we je mee helpen?</h2></legend>');
    for (const tel of ['tel:112', 'tel:08002000', 'tel:113']) expect(inside).toContain(`href="${tel}"`);
    expect(inside).toContain('<noscript><p><a href="/vraagwijzer/haarlem">');
    // The page is the same for everyone: no idempotency key that two residents would share.
    expect(inside).not.toContain('name="key"');
  });

  it("a demo page's ?tree= and ?lang= choose the first paint, as they choose the widget's tree and language", async () => {
    const page = await (await t.request('GET', '/demo/haarlem?tree=haarlem/zorgen&lang=en')).text();
    expect(page).toContain('<div class="vw-first-paint" lang="en">');
    expect(page).toContain('action="/vraagwijzer/haarlem?lang=en"');
    expect(page).toContain('<input type="hidden" name="tree" value="zorgen">');
    // An unknown tree keeps the page's own.
    expect(await (await t.request('GET', '/demo/haarlem?tree=haarlem/nergens')).text()).toContain('name="tree" value="start"');
  });

  it('the embed snippet points at this server by absolute URLs', async () => {
    const res = await t.request('GET', '/embed/haarlem.html');
    expect(res.status).toBe(200);
    const snippet = await res.text();
    expect(snippet).toContain('<script type="module" src="http://localhost/widget/vraag-wijzer.js"></script>');
    expect(snippet).toContain('<vraag-wijzer tree="haarlem/start" lang="nl" api="http://localhost">');
    expect(snippet).toContain('action="http://localhost/vraagwijzer/haarlem"');
    expect((await t.request('GET', '/embed/nergens.html')).status).toBe(404);
  });
});
