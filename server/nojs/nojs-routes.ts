// The whole walk without JavaScript: /vraagwijzer/<gemeente>. Every page is a plain form that
// posts, is answered with a redirect (post/redirect/get: a reload never sends it again), and calls
// the same session, resume and concern services as the JSON API – one engine, one store, one
// durable and idempotent write path. The session token lives in an HttpOnly cookie; every change
// carries the session's CSRF token, its version and a fresh idempotency key in hidden fields.
import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { present, start } from '../../engine/index.js';
import type { SessionState } from '../api/contract.js';
import { concernService } from '../concerns/concern-service.js';
import type { Deps } from '../deps.js';
import { bodyLimit } from '../http/body-limit.js';
import { requestedLocale } from '../http/locale.js';
import { originGuard } from '../http/origin-guard.js';
import { ApiError } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import { resumeService } from '../sessions/resume-service.js';
import type { RequestGuard } from '../sessions/load-session.js';
import type { Caller, SessionService } from '../sessions/session-service.js';
import type { ServedTree } from '../tree-store/served-tree.js';
import { checkAnswer, type Checked } from '../../widget/check-answer.js';
import { t, uiLang } from '../../widget/messages.js';
import { checkConcern } from './concern-form.js';
import { errorPage } from './error-page.js';
import { helpBar, kccWords } from './help-bar.js';
import { quickExit, quickExitLink } from './quick-exit.js';
import { h, type Html } from './html.js';
import { clearSession, csrfMatches, csrfTokenOf, readSession, writeSession, type CookieSession } from './nojs-cookie.js';
import { nt } from './nojs-messages.js';
import { renderPage, type FieldError, type Page } from './page-shell.js';
import { changeFields, draftFrom, one, readForm, type Form } from './read-form.js';
import { adviceMain } from './render-advice.js';
import { answersMain } from './render-answers.js';
import { concernMain, concernStatusMain } from './render-concern.js';
import { codeMain, resumeMain } from './render-resume.js';
import { firstControl, stepForm } from './render-step.js';
import { startOnce } from './start-once.js';

const GEMEENTE = /^[a-z0-9-]+$/;
const KEY = /^[A-Za-z0-9_-]{8,100}$/;
const TREE = /^[a-z0-9-]+$/;
const newKey = () => randomBytes(16).toString('base64url');
/** Codes of the resume service that all mean "this code does not work": one message for all. */
const CODE_REFUSED = new Set(['invalid-code', 'resume-code-unknown', 'resume-code-expired', 'session-expired']);
/** The session behind the cookie is gone (purged, expired) or the cookie is not one of ours. */
const SESSION_GONE = new Set([401, 404, 410]);
const NOTICES = { conflict: 'conflict', gone: 'gone', resumed: 'resumed' } as const;

export function nojsRoutes(deps: Deps, sessions: SessionService, clientOf: (c: Context) => string) {
  const { config, clock, trees } = deps;
  const concerns = concernService(deps, sessions.loader);
  const resume = resumeService(deps, sessions.loader);
  const once = startOnce<Awaited<ReturnType<SessionService['create']>>>(clock);

  /**
   * The API's origin guard, except for "Origin: null": browsers send that for a form posted from a
   * page with a no-referrer policy (as this server's own pages have), so it says no more than a
   * missing header does. A forged form can choose it too, which is why every change also needs the
   * session's CSRF token; the first answer only starts a session whose token the poster never sees.
   */
  const guardOf = (c: Context): RequestGuard =>
    c.req.header('origin') === 'null' ? { checkOrigin: () => undefined } : originGuard(c, config.corsOrigins);

  /** What every handler needs: the municipality, the asked language, links, the cookie session. */
  function scope(c: Context) {
    const gemeente = c.req.param('gemeente') ?? '';
    if (!GEMEENTE.test(gemeente)) throw new ApiError(404, 'page-not-found', `No municipality "${gemeente}".`);
    const asked = requestedLocale(c);
    const base = `/vraagwijzer/${gemeente}`;
    const href = (path = '', params: Record<string, string> = {}) => {
      const q = new URLSearchParams({ ...params, ...(asked ? { lang: asked } : {}) }).toString();
      return `${base}${path}${q ? `?${q}` : ''}`;
    };
    const cookie = readSession(c);
    const caller = (token: string): Caller => ({
      authorization: `Bearer ${token}`,
      guard: guardOf(c),
      locale: asked,
      advice: 'full',
    });
    // The municipality's start tree unless a page asks for another one (?tree=, as the demo pages).
    const startTree = (name = c.req.query('tree') ?? 'start') => (TREE.test(name) ? trees.head(`${gemeente}/${name}`) : undefined);
    const start = startTree();
    const config = trees.config(gemeente);
    const bar = (lang: string) => helpBar(config, lang);
    const words = (lang: string) => kccWords(config, lang);
    /** This page in the other language. */
    const otherLang = (lang: string) => {
      const u = new URL(c.req.url);
      u.searchParams.set('lang', lang === 'en' ? 'nl' : 'en');
      return `${u.pathname}${u.search}`;
    };
    return { c, gemeente, asked, href, cookie, caller, start, startTree, bar, words, otherLang };
  }
  type Scope = ReturnType<typeof scope>;

  const show = (x: Scope, p: Omit<Page, 'helpBar' | 'otherLang'>, status = 200) => {
    x.c.header('cache-control', 'no-store');
    return x.c.html(
      renderPage({
        ...p,
        helpBar: x.bar(p.lang),
        quickExit: quickExitLink(x.gemeente, p.lang),
        otherLang: x.c.req.method === 'GET' ? x.otherLang(p.lang) : undefined,
      }),
      status as 200,
    );
  };
  const noticeOf = (x: Scope, lang: string) => {
    const n = x.c.req.query('let-op') as keyof typeof NOTICES | undefined;
    return n && n in NOTICES ? t(lang, NOTICES[n]) : undefined;
  };
  const redirect = (x: Scope, path = '', params: Record<string, string> = {}) => x.c.redirect(x.href(path, params), 303);

  /** The cookie's session, or undefined (and the cookie dropped) when it is gone. */
  async function stateOf(x: Scope, s: CookieSession): Promise<SessionState | undefined> {
    try {
      return await sessions.get(s.id, x.caller(s.token));
    } catch (e) {
      if (e instanceof ApiError && SESSION_GONE.has(e.status)) {
        clearSession(x.c, x.gemeente);
        return undefined;
      }
      throw e;
    }
  }

  /** A change needs the session and its CSRF token; without a session the walk starts again. */
  async function changing(x: Scope): Promise<{ s: CookieSession; form: Form } | Response> {
    const s = x.cookie;
    if (!s) return redirect(x, '', { 'let-op': 'gone' });
    const form = await readForm(x.c);
    if (!csrfMatches(one(form, 'csrf'), s.token)) {
      throw new ApiError(403, 'csrf-token-invalid', "The form does not carry this session's CSRF token; nothing was changed.");
    }
    return { s, form };
  }

  function startPage(x: Scope, o: { value?: unknown; error?: string; notice?: string; tree?: ServedTree } = {}, status = 200) {
    const served = o.tree ?? x.start;
    if (!served) throw new ApiError(404, 'tree-not-found', `No published tree "${x.c.req.query('tree') ?? 'start'}" for "${x.gemeente}".`);
    const lang = uiLang(x.asked);
    const step = present(served.compiled, start(served.compiled), lang);
    const errors: FieldError[] = o.error ? [{ field: firstControl(step), message: o.error }] : [];
    const main = h`${stepForm({ lang, step, action: x.href(), hidden: { tree: served.id.split('/')[1]!, node: step.id, key: newKey() }, value: o.value, error: o.error }, h``)}
<p><a href="${x.href('/verder')}">${nt(lang, 'codeForm')}</a></p>`;
    return show(x, { lang, title: step.text, main, errors, notice: o.notice ?? noticeOf(x, lang) }, status);
  }

  function stepPage(x: Scope, s: CookieSession, state: SessionState, o: { value?: unknown; error?: string } = {}, status = 200) {
    const lang = uiLang(state.locale);
    const { step } = state;
    const csrf = csrfTokenOf(s.token);
    // "Vorige vraag" submits the same form elsewhere: it carries the same version, key and token.
    const back = step.canGoBack
      ? h`<button type="submit" formaction="${x.href('/vorige')}" formnovalidate>${nt(lang, 'backQuestion')}</button>`
      : h``;
    const form = stepForm(
      {
        lang,
        step,
        action: x.href('/antwoord'),
        hidden: { node: step.id, version: String(state.version), key: newKey(), csrf },
        value: o.value,
        error: o.error,
      },
      back,
    );
    const errors: FieldError[] = o.error ? [{ field: firstControl(step), message: o.error }] : [];
    return show(
      x,
      { lang, title: step.text, main: h`${form}${sessionLinks(x, lang, state, csrf)}`, errors, notice: noticeOf(x, lang) },
      status,
    );
  }

  function sessionLinks(x: Scope, lang: string, state: SessionState, csrf: string): Html {
    return h`<ul class="links">
${state.trail.length ? h`<li><a href="${x.href('/antwoorden')}">${t(lang, 'showOverview')}</a></li>` : ''}
<li><a href="${x.href('/code')}">${t(lang, 'save')}</a></li>
<li><form method="post" action="${x.href('/opnieuw')}" class="inline-form"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">${t(lang, 'restart')}</button></form></li>
</ul>`;
  }

  function advicePage(x: Scope, s: CookieSession, state: SessionState) {
    const lang = uiLang(state.locale);
    const endText = state.step.kind === 'end' ? state.step.text : undefined;
    const main = adviceMain(
      lang,
      x.words(lang),
      state.advice ?? [],
      endText,
      x.href('/zorg'),
      sessionLinks(x, lang, state, csrfTokenOf(s.token)),
    );
    return show(x, { lang, title: t(lang, 'adviceHeading'), main, notice: noticeOf(x, lang) });
  }

  async function changePage(x: Scope, s: CookieSession, node: string, o: { value?: unknown; error?: string } = {}, status = 200) {
    const found = await sessions.answeredStep(s.id, x.caller(s.token), node);
    const lang = uiLang(x.asked ?? (await stateOf(x, s))?.locale);
    const value = 'value' in o ? o.value : found.value;
    const form = stepForm(
      {
        lang,
        step: found.step,
        action: x.href('/antwoord'),
        hidden: { node, version: String(found.version), key: newKey(), csrf: csrfTokenOf(s.token) },
        value,
        error: o.error,
      },
      h`<a href="${x.href('/antwoorden')}">${t(lang, 'cancelChange')}</a>`,
    );
    const errors: FieldError[] = o.error ? [{ field: firstControl(found.step), message: o.error }] : [];
    return show(x, { lang, title: found.step.text, main: form, errors }, status);
  }

  const checked = (input: Parameters<typeof checkAnswer>[0] | undefined, draft: string | string[], lang: string): Checked =>
    input ? checkAnswer(input, draft, lang) : { ok: true, value: null };

  const app = new Hono();
  app.onError((err, c) => errorPage(deps, c, err));
  app.use(
    '/vraagwijzer/*',
    bodyLimit(config.bodyLimitBytes, (c) => errorPage(deps, c, new ApiError(413, 'body-too-large', 'The form is too large.'))),
  );

  app.get('/vraagwijzer/:gemeente/snel-weg', (c) => {
    const x = scope(c);
    return quickExit(c, x.gemeente, trees.config(x.gemeente));
  });

  app.get('/vraagwijzer/:gemeente', async (c) => {
    const x = scope(c);
    if (!x.cookie) return startPage(x);
    const state = await stateOf(x, x.cookie);
    if (!state) return startPage(x, { notice: t(uiLang(x.asked), 'gone') });
    return state.done ? advicePage(x, x.cookie, state) : stepPage(x, x.cookie, state);
  });

  // The first answer starts the session: no session exists before a resident answers anything.
  app.post('/vraagwijzer/:gemeente', rateLimit('session', config.rateLimits.sessions, clock, clientOf), async (c) => {
    const x = scope(c);
    const form = await readForm(c);
    const served = x.startTree(one(form, 'tree') || undefined);
    if (!served) throw new ApiError(404, 'tree-not-found', `No published tree "${one(form, 'tree')}" for "${x.gemeente}".`);
    const lang = uiLang(x.asked);
    const step = present(served.compiled, start(served.compiled), lang);
    // A page drawn from an older tree version may ask another first question: ask this one.
    if (one(form, 'node') !== step.id) return startPage(x, { notice: t(lang, 'answerInvalid'), tree: served }, 422);
    const draft = draftFrom(form, step.input);
    const answer = checked(step.input, draft, lang);
    if (!answer.ok) return startPage(x, { value: draft, error: answer.message, tree: served }, 422);
    // The first paint on a page (or a pasted embed snippet) is the same for everyone: it has no key.
    const key = KEY.test(one(form, 'key')) ? one(form, 'key') : newKey();
    const created = await once(key, () => sessions.create({ tree: served.id, channel: 'web', locale: x.asked ?? 'nl' }, guardOf(c)));
    await sessions.answer(created.id, x.caller(created.token), { node: step.id, value: answer.value, version: 0, idempotencyKey: key });
    writeSession(c, x.gemeente, created);
    return redirect(x);
  });

  app.post('/vraagwijzer/:gemeente/antwoord', async (c) => {
    const x = scope(c);
    const got = await changing(x);
    if (got instanceof Response) return got;
    const { s, form } = got;
    const { version, idempotencyKey } = changeFields(form);
    const node = one(form, 'node');
    const state = await stateOf(x, s);
    if (!state) return redirect(x, '', { 'let-op': 'gone' });
    const lang = uiLang(state.locale);
    // Not the current question: a change from the answers list – or this very form sent twice,
    // whose first copy already moved the session on (the service then replays its answer).
    const revising = node !== state.step.id;
    const step = revising ? (await sessions.answeredStep(s.id, x.caller(s.token), node)).step : state.step;
    const draft = draftFrom(form, step.input);
    const answer = checked(step.input, draft, lang);
    const again = (error: string) =>
      revising ? changePage(x, s, node, { value: draft, error }, 422) : stepPage(x, s, state, { value: draft, error }, 422);
    if (!answer.ok) return again(answer.message);
    try {
      await sessions.answer(s.id, x.caller(s.token), { node, value: answer.value, version, idempotencyKey });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) return redirect(x, '', { 'let-op': 'conflict' });
      if (e instanceof ApiError && e.status === 422 && e.code !== 'idempotency-key-reused') return again(t(lang, 'answerInvalid'));
      throw e;
    }
    return redirect(x);
  });

  app.post('/vraagwijzer/:gemeente/vorige', async (c) => {
    const x = scope(c);
    const got = await changing(x);
    if (got instanceof Response) return got;
    try {
      await sessions.back(got.s.id, x.caller(got.s.token), changeFields(got.form));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) return redirect(x, '', { 'let-op': 'conflict' });
      // Nothing to undo: the first question is simply shown again.
      if (!(e instanceof ApiError && e.code === 'nothing-to-undo')) throw e;
    }
    return redirect(x);
  });

  app.get('/vraagwijzer/:gemeente/wijzig', async (c) => {
    const x = scope(c);
    if (!x.cookie) return redirect(x, '', { 'let-op': 'gone' });
    return changePage(x, x.cookie, c.req.query('node') ?? '');
  });

  app.get('/vraagwijzer/:gemeente/antwoorden', async (c) => {
    const x = scope(c);
    const state = x.cookie && (await stateOf(x, x.cookie));
    if (!state) return redirect(x, '', { 'let-op': 'gone' });
    const lang = uiLang(state.locale);
    const main = answersMain(lang, state.trail, (node) => x.href('/wijzig', { node }), x.href());
    return show(x, { lang, title: t(lang, 'overview'), main });
  });

  app.get('/vraagwijzer/:gemeente/code', async (c) => {
    const x = scope(c);
    const state = x.cookie && (await stateOf(x, x.cookie));
    if (!x.cookie || !state) return redirect(x, '', { 'let-op': 'gone' });
    const lang = uiLang(state.locale);
    return show(x, {
      lang,
      title: t(lang, 'saveHeading'),
      main: codeMain(lang, x.words(lang), x.cookie.resumeCode, x.cookie.resumeExpiresAt, x.href()),
    });
  });

  const resumeForm = (x: Scope, value = '', error?: string, status = 200) => {
    const lang = uiLang(x.asked);
    const main = resumeMain(lang, x.href('/verder'), value, error, x.href());
    return show(x, { lang, title: t(lang, 'resumeHeading'), main, errors: error ? [{ field: 'code', message: error }] : [] }, status);
  };

  app.get('/vraagwijzer/:gemeente/verder', (c) => resumeForm(scope(c)));

  app.post('/vraagwijzer/:gemeente/verder', rateLimit('resume', config.rateLimits.resume, clock, clientOf), async (c) => {
    const x = scope(c);
    const code = one(await readForm(c), 'code').trim();
    const lang = uiLang(x.asked);
    if (!code) return resumeForm(x, code, t(lang, 'resumeRequired'), 422);
    let created;
    try {
      created = await resume(code.slice(0, 40), guardOf(c), x.asked);
    } catch (e) {
      if (e instanceof ApiError && CODE_REFUSED.has(e.code)) return resumeForm(x, code, t(lang, 'resumeInvalid', x.words(lang)), 422);
      throw e;
    }
    // A code belongs to one municipality's session: its pages (and cookie path) are that one's.
    const gemeente = created.state.tree.split('/')[0]!;
    writeSession(c, gemeente, created);
    const q = new URLSearchParams({ 'let-op': 'resumed', ...(x.asked ? { lang: x.asked } : {}) });
    return c.redirect(`/vraagwijzer/${gemeente}?${q}`, 303);
  });

  const concernPage = (x: Scope, lang: string, form: Form, errors: ReturnType<typeof checkConcern> | undefined, status = 200) => {
    const failed = errors && !errors.ok ? errors : undefined;
    const main = concernMain({
      lang,
      action: x.href('/zorg'),
      hidden: { key: newKey(), csrf: csrfTokenOf(x.cookie!.token) },
      form,
      errors: failed?.errors ?? {},
      backHref: x.href(),
    });
    return show(x, { lang, title: t(lang, 'concernHeading'), main, errors: failed?.summary ?? [] }, status);
  };

  app.get('/vraagwijzer/:gemeente/zorg', async (c) => {
    const x = scope(c);
    const state = x.cookie && (await stateOf(x, x.cookie));
    if (!state) return redirect(x, '', { 'let-op': 'gone' });
    return concernPage(x, uiLang(state.locale), {}, undefined);
  });

  app.post('/vraagwijzer/:gemeente/zorg', rateLimit('concern', config.rateLimits.concerns, clock, clientOf), async (c) => {
    const x = scope(c);
    const got = await changing(x);
    if (got instanceof Response) return got;
    const { s, form } = got;
    const key = one(form, 'key');
    if (!KEY.test(key)) throw new ApiError(422, 'form-incomplete', 'The form lacks its key. Reload the page and send it again.');
    const state = await stateOf(x, s);
    if (!state) return redirect(x, '', { 'let-op': 'gone' });
    const lang = uiLang(state.locale);
    const check = checkConcern(form, lang, s.id);
    if (!check.ok) return concernPage(x, lang, form, check, 422);
    const { body } = await concerns.create({ ...check.input, idempotencyKey: key }, `Bearer ${s.token}`, guardOf(c));
    return redirect(x, `/melding/${body.statusToken}`);
  });

  app.get('/vraagwijzer/:gemeente/melding/:token', async (c) => {
    const x = scope(c);
    const status = await concerns.status(c.req.param('token'));
    const lang = uiLang(x.asked);
    const main = concernStatusMain(lang, status, x.href(`/melding/${c.req.param('token')}`), x.cookie ? x.href() : undefined);
    return show(x, { lang, title: t(lang, 'statusHeading'), main });
  });

  app.post('/vraagwijzer/:gemeente/opnieuw', async (c) => {
    const x = scope(c);
    const got = await changing(x);
    if (got instanceof Response) return got;
    clearSession(c, x.gemeente);
    return redirect(x);
  });

  return app;
}
