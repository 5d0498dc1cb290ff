import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { localize } from '../../engine/index.js';
import { AnswerBody, BackBody, ConcernBody, Locale } from '../api/schemas.js';
import { concernService } from '../concerns/concern-service.js';
import { ApiError } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import { jsonBody } from '../http/validate.js';
import type { RequestGuard } from '../sessions/load-session.js';
import { presentService, presentState } from '../sessions/present-state.js';
import { resumeService } from '../sessions/resume-service.js';
import type { SessionService } from '../sessions/session-service.js';
import { authenticate, requireRole } from './auth.js';
import { CONSENT_TEXTS } from './consent.js';
import { CONSOLE_ROLES, type Principal, type StaffEnv, type StaffKit } from './context.js';
import { sessionSummary } from './session-summary.js';

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
});
export const StaffAnswerBody = AnswerBody.extend({ channel: StaffChannel });
export const NoteBody = z.strictObject({ node: z.string().min(1).max(300), text: z.string().trim().min(1).max(2000) });
const Part = z.enum(['trail', 'advice', 'notes']);
export const HandoverBody = z.strictObject({
  serviceId: z.string().min(1).max(100),
  shared: z.array(Part).min(1).max(3),
  consent: z.literal(true, { error: 'Read the consent text out and tick that the resident agreed.' }),
});
export const OnBehalfBody = ConcernBody.extend({ channel: StaffChannel });

/** Staff reach every municipality's sessions; the resident-side origin check does not apply. */
const staffGuard: RequestGuard = { checkOrigin() {} };

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
  const bearer = (c: Context) => {
    const token = c.req.header('x-session-token');
    if (!token)
      throw new ApiError(
        401,
        'session-token-missing',
        'Send the session token you got when starting or resuming the session as X-Session-Token.',
      );
    return `Bearer ${token}`;
  };
  // Staff see the plan as it forms: every state carries it.
  const caller = (c: Context) => ({ authorization: bearer(c), guard: staffGuard, locale: undefined, advice: 'full' as const });

  /** A member sees a session only after starting it or resuming it with consent. */
  async function access(c: Context<StaffEnv>): Promise<{ p: Principal; id: string }> {
    const p = c.get('staff');
    const id = c.req.param('id')!;
    if (!(await repo.hasAccess(id, p.account.id))) {
      await kit.record(p, 'session.denied', 'session', id);
      throw new ApiError(
        403,
        'no-consent-recorded',
        'Open this session through "Verder met code" (with consent) or start it yourself first.',
      );
    }
    return { p, id };
  }

  async function staffView(c: Context<StaffEnv>, id: string) {
    const loaded = await sessions.loader.load(id, bearer(c), staffGuard);
    const locale = loaded.row.locale;
    const [notes, consents, handovers] = await Promise.all([repo.notes(id), repo.consents(id), repo.handovers(id)]);
    const names = await repo.accountNames([...new Set([...notes, ...consents, ...handovers].map((r) => r.account_id))]);
    return {
      state: presentState(loaded.served, loaded.view, loaded.row, locale),
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
      services: [...loaded.served.compiled.services.values()].map((s) => presentService(s, locale)),
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
  app.get('/api/staff/consent-texts', (c) => c.json(CONSENT_TEXTS));

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
    const created = await resume(body.code, staffGuard, undefined).catch(async (err: unknown) => {
      await kit.record(p, 'session.resume-failed', 'session', null, { code: err instanceof ApiError ? err.code : 'error' });
      throw err;
    });
    await repo.addConsent({
      id: deps.ids.id(),
      session_id: created.id,
      account_id: p.account.id,
      purpose: 'resume',
      channel: body.channel,
      consent_text: CONSENT_TEXTS.resume,
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

  app.post('/api/staff/sessions/:id/handover', async (c) => {
    const { p, id } = await access(c);
    const body = await jsonBody(c, HandoverBody);
    const loaded = await sessions.loader.load(id, bearer(c), staffGuard);
    const service = loaded.served.compiled.services.get(body.serviceId);
    if (!service)
      throw new ApiError(422, 'unknown-service', `"${body.serviceId}" is not on this municipality's sociale kaart.`, {
        errors: [{ pointer: '/serviceId', code: 'unknown-service', message: 'Pick a service from the list.' }],
      });
    const notes = body.shared.includes('notes') ? await repo.notes(id) : [];
    const state = presentState(loaded.served, loaded.view, loaded.row, loaded.row.locale);
    const summary = sessionSummary(state, body.shared, notes, loaded.served.config?.kcc.phone);
    const at = now();
    const consentId = deps.ids.id();
    const channel = (await repo.consents(id)).filter((r) => r.account_id === p.account.id).at(-1)?.channel ?? 'telefoon';
    await repo.addConsent({
      id: consentId,
      session_id: id,
      account_id: p.account.id,
      purpose: 'handover',
      channel,
      consent_text: `${CONSENT_TEXTS.handover} [${body.shared.join(', ')} → ${service.id}]`,
      at,
    });
    // Into the outbox (committed first), then delivered to the organisation's endpoint when it has
    // one; without one the medewerker hands it over by phone ("geen-koppeling"). Never by e-mail.
    const connected = !!kit.config.handoverTargets[service.id];
    const handover = {
      id: deps.ids.id(),
      session_id: id,
      service_id: service.id,
      account_id: p.account.id,
      consent_id: consentId,
      shared: JSON.stringify(body.shared),
      summary,
      status: connected ? 'klaar-voor-overdracht' : 'geen-koppeling',
      at,
    };
    await repo.addHandover(handover);
    if (connected) {
      kit.handovers
        .deliverDue()
        .catch((err: Error) => deps.logger.error({ message: err.message }, 'Handover delivery pass failed; the timer retries.'));
    }
    await kit.record(p, 'handover.create', 'handover', handover.id, { session: id, service: service.id, shared: body.shared });
    return c.json(
      {
        id: handover.id,
        serviceId: service.id,
        organisation: service.organisation,
        shared: body.shared,
        status: handover.status,
        summary,
        at,
      },
      201,
    );
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
