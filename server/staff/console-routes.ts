import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { localize } from '../../engine/index.js';
import { AnswerBody, BackBody, ConcernBody, Locale } from '../api/schemas.js';
import { concernService } from '../concerns/concern-service.js';
import { ApiError } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import { jsonBody } from '../http/validate.js';
import { presentService, presentState } from '../sessions/present-state.js';
import { resumeService } from '../sessions/resume-service.js';
import type { SessionService } from '../sessions/session-service.js';
import { authenticate, requireRole } from './auth.js';
import { CONSENT_LOCALES, consentTexts } from './consent.js';
import { CONSOLE_ROLES, type StaffEnv, type StaffKit } from './context.js';
import { bearer, langOf, sessionAccess, staffGuard } from './session-access.js';

const StaffChannel = z.enum(['telefoon', 'loket', 'wijkcoach']);
export const StartBody = z.strictObject({
  tree: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  channel: StaffChannel,
  locale: Locale.optional(),
});
export const ResumeBody = z.strictObject({
  code: z.string().min(4).max(20),
  channel: StaffChannel,
  consent: z.literal(true, { error: 'Read the consent text out and tick that the resident agreed.' }),
  consentLocale: z.enum(CONSENT_LOCALES).optional(),
});
export const StaffAnswerBody = AnswerBody.extend({ channel: StaffChannel });
export const NoteBody = z.strictObject({ node: z.string().min(1).max(300), text: z.string().trim().min(1).max(2000) });
export const OnBehalfBody = ConcernBody.extend({ channel: StaffChannel });

/**
 * The phone / loket console API. The resident's session is used through the server's own session
 * service, with a token the console got by starting it or by a consented resume: the same
 * session, the same tree version, the same advice – staff add only notes and consent records.
 */
export function consoleRoutes(kit: StaffKit, sessions: SessionService) {
  const { deps, repo } = kit;
  const resume = resumeService(deps, sessions.loader);
  const concerns = concernService(deps, sessions.loader);
  const now = () => deps.clock().toISOString();
  // Staff see the plan as it forms: every state carries it.
  // ?lang=: the resident-facing texts in the caller's language (the session's own by default).
  const caller = (c: Context) => ({ authorization: bearer(c), guard: staffGuard, locale: langOf(c), advice: 'full' as const });

  const access = sessionAccess(kit);

  /** Node → the member who last answered it, from the audit log (the answer log records channels, not people). */
  async function answeredBy(id: string): Promise<Map<string, string>> {
    const byNode = new Map<string, string>();
    for (const a of await kit.audit.forTarget('session', id))
      if (a.action === 'session.answer' && a.account_id && typeof a.detail?.node === 'string') byNode.set(a.detail.node, a.account_id);
    return byNode;
  }

  async function staffView(c: Context<StaffEnv>, id: string) {
    const loaded = await sessions.loader.load(id, bearer(c), staffGuard);
    const locale = langOf(c) ?? loaded.row.locale;
    const [notes, consents, handovers, answered] = await Promise.all([
      repo.notes(id),
      repo.consents(id),
      repo.handovers(id),
      answeredBy(id),
    ]);
    const names = await repo.accountNames([
      ...new Set([...[...notes, ...consents, ...handovers].map((r) => r.account_id), ...answered.values()]),
    ]);
    const state = presentState(loaded.served, loaded.view, loaded.row, locale);
    return {
      state,
      /** The language the caller chose (stored with the session); `state` is in ?lang= or this. */
      callerLocale: loaded.row.locale,
      // Who gave each answer on a staff channel (web answers are the resident's own).
      answeredBy: Object.fromEntries(
        state.trail
          .filter((e) => e.channel !== 'web' && answered.has(e.node))
          .map((e) => [e.node, names.get(answered.get(e.node)!) ?? '?']),
      ),
      channel: loaded.row.channel,
      notes: notes.map((n) => ({ id: n.id, node: n.node, text: n.text, by: names.get(n.account_id) ?? '?', at: n.at })),
      consents: consents.map((r) => ({ purpose: r.purpose, channel: r.channel, by: names.get(r.account_id) ?? '?', at: r.at })),
      handovers: handovers.map((h) => ({
        id: h.id,
        serviceId: h.service_id,
        shared: JSON.parse(h.shared) as string[],
        status: h.status,
        by: names.get(h.account_id) ?? '?',
        at: h.at,
      })),
      // `connected`: a handover to it is delivered; otherwise the medewerker phones them.
      services: [...loaded.served.compiled.services.values()].map((s) => ({
        ...presentService(s, locale),
        connected: !!kit.config.handoverTargets[s.id],
      })),
    };
  }

  const app = new Hono<StaffEnv>();
  app.use('/api/staff/sessions/*', authenticate(kit), requireRole(CONSOLE_ROLES));
  app.use('/api/staff/sessions', authenticate(kit), requireRole(CONSOLE_ROLES));
  app.use('/api/staff/resume', authenticate(kit), requireRole(CONSOLE_ROLES));
  app.use('/api/staff/trees', authenticate(kit), requireRole(CONSOLE_ROLES));
  app.use('/api/staff/consent-texts', authenticate(kit));
  app.use('/api/staff/concern-reports', authenticate(kit), requireRole(CONSOLE_ROLES));

  app.get('/api/staff/trees', (c) =>
    c.json(
      deps.trees
        .list()
        .map((t) => ({ id: t.id, gemeente: t.gemeente, door: t.root.door, version: t.version, title: localize(t.root.title, 'nl')! })),
    ),
  );
  app.get('/api/staff/consent-texts', (c) => c.json(consentTexts(langOf(c))));

  app.post('/api/staff/sessions', async (c) => {
    const p = c.get('staff');
    const body = await jsonBody(c, StartBody);
    const created = await sessions.create(body, staffGuard);
    await repo.addConsent({
      id: deps.ids.id(),
      session_id: created.id,
      account_id: p.account.id,
      purpose: 'start',
      channel: body.channel,
      consent_text: null,
      at: now(),
    });
    await kit.record(p, 'session.start', 'session', created.id, { channel: body.channel, tree: body.tree });
    return c.json(created, 201);
  });

  // Per member, not per address: a signed-in account must not become a way to guess codes.
  const resumeLimit = rateLimit('resume', kit.config.staffResumeRate, deps.clock, (c) => (c as Context<StaffEnv>).get('staff').account.id);
  app.post('/api/staff/resume', resumeLimit, async (c) => {
    const p = c.get('staff');
    const body = await jsonBody(c, ResumeBody);
    const created = await resume(body.code, staffGuard, undefined, 'full', 'staff').catch(async (err: unknown) => {
      await kit.record(p, 'session.resume-failed', 'session', null, { code: err instanceof ApiError ? err.code : 'error' });
      throw err;
    });
    await repo.addConsent({
      id: deps.ids.id(),
      session_id: created.id,
      account_id: p.account.id,
      purpose: 'resume',
      channel: body.channel,
      consent_text: consentTexts(body.consentLocale).resume,
      at: now(),
    });
    await kit.record(p, 'session.resume', 'session', created.id, { channel: body.channel });
    return c.json(created);
  });

  app.get('/api/staff/sessions/:id', async (c) => {
    const { p, id } = await access(c);
    const view = await staffView(c, id);
    await kit.record(p, 'session.read', 'session', id);
    return c.json(view);
  });

  // "Wijzig" in the console: an answered step again; answering it revises (later answers that still fit stay).
  app.get('/api/staff/sessions/:id/steps', async (c) => {
    const { p, id } = await access(c);
    const node = c.req.query('node') ?? '';
    const found = await sessions.answeredStep(id, caller(c), node);
    await kit.record(p, 'session.read', 'session', id, { node });
    return c.json(found);
  });

  app.post('/api/staff/sessions/:id/answers', async (c) => {
    const { p, id } = await access(c);
    const body = await jsonBody(c, StaffAnswerBody);
    const { status, body: state } = await sessions.answer(id, caller(c), body);
    await kit.record(p, 'session.answer', 'session', id, { node: body.node, channel: body.channel });
    return c.json(state as object, status as 200);
  });

  app.post('/api/staff/sessions/:id/back', async (c) => {
    const { p, id } = await access(c);
    const body = await jsonBody(c, BackBody);
    const { status, body: state } = await sessions.back(id, caller(c), body);
    await kit.record(p, 'session.back', 'session', id);
    return c.json(state as object, status as 200);
  });

  app.post('/api/staff/sessions/:id/notes', async (c) => {
    const { p, id } = await access(c);
    const body = await jsonBody(c, NoteBody);
    const { view } = await sessions.loader.load(id, bearer(c), staffGuard);
    const known = view.node.id === body.node || view.record.log.some((e) => e.node === body.node);
    if (!known)
      throw new ApiError(
        422,
        'unknown-step',
        `Step "${body.node}" is not in this session's trail. Add the note to the current step or an answered one.`,
        { errors: [{ pointer: '/node', code: 'unknown-step', message: 'Pick a step from the trail.' }] },
      );
    const note = { id: deps.ids.id(), session_id: id, node: body.node, text: body.text, account_id: p.account.id, at: now() };
    await repo.addNote(note);
    await kit.record(p, 'note.add', 'session', id, { node: body.node });
    return c.json({ id: note.id, node: note.node, text: note.text, by: p.account.displayName, at: note.at }, 201);
  });

  app.post('/api/staff/concern-reports', async (c) => {
    const p = c.get('staff');
    const { channel, ...body } = await jsonBody(c, OnBehalfBody);
    const token = c.req.header('x-session-token');
    if (body.sessionId && !(await repo.hasAccess(body.sessionId, p.account.id)))
      throw new ApiError(403, 'no-consent-recorded', 'Open the session first, then report the concern from it.');
    const { status, body: receipt } = await concerns.create(body, token ? `Bearer ${token}` : undefined, staffGuard);
    await kit.record(p, 'concern.create-on-behalf', 'concern', receipt.reference, { channel, urgency: body.urgency });
    return c.json(receipt, status as 201);
  });

  return app;
}
