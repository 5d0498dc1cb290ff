import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { localize } from '../../engine/index.js';
import type { CreatedSession } from '../api/contract.js';
import type { SessionRow } from '../db/session-repo.js';
import { ApiError } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import { jsonBody } from '../http/validate.js';
import { hashSecret, normalizeCode, CODE_ALPHABET } from '../ids.js';
import { presentState } from '../sessions/present-state.js';
import { resumeService } from '../sessions/resume-service.js';
import type { SessionService } from '../sessions/session-service.js';
import { authenticate, requireRole } from './auth.js';
import { CONSENT_LOCALES, consentTexts } from './consent.js';
import { CONSOLE_ROLES, type Principal, type StaffEnv, type StaffKit } from './context.js';
import { sessionAccess, staffGuard } from './session-access.js';

export const FindBody = z.strictObject({
  query: z.string().trim().min(4).max(40),
  channel: z.enum(['telefoon', 'loket', 'wijkcoach']),
  consent: z.literal(true, { error: 'Read the consent text out and tick that the resident agreed.' }),
  consentLocale: z.enum(CONSENT_LOCALES).optional(),
});
export const Since = z.strictObject({ since: z.iso.datetime({ offset: true }) });
const CODE = new RegExp(`^[${CODE_ALPHABET}]{8}$`);
const REFERENCE = new RegExp(`^VW-?([${CODE_ALPHABET}]{3})-?([${CODE_ALPHABET}]{4})$`);
const SESSION_ID = /^[0-9A-Za-z_-]{16,40}$/;
const DAY_MS = 24 * 3600_000;

type Opened = Omit<CreatedSession, 'resumeCode' | 'resumeExpiresAt'>;

/**
 * Finding a session in the console: by the resume code the resident reads out, by the reference of
 * a concern report made in it, or by the plan number on a printed plan (the session id) – each
 * after the consent text, audited with how it was found. And the member's own sessions of today,
 * to pick up a call again without asking for anything.
 */
export function findRoutes(kit: StaffKit, sessions: SessionService) {
  const { deps, repo } = kit;
  const resume = resumeService(deps, sessions.loader);
  const access = sessionAccess(kit);
  const app = new Hono<StaffEnv>();
  app.use('/api/staff/find', authenticate(kit), requireRole(CONSOLE_ROLES));
  app.use('/api/staff/my-sessions', authenticate(kit), requireRole(CONSOLE_ROLES));

  /** A new token for this member on a session they may open (the resume service's tail). */
  async function handle(row: SessionRow): Promise<Opened> {
    sessions.loader.assertLive(row);
    const token = deps.ids.token();
    await deps.store.sessions.addToken(row.id, hashSecret(token), 'resume', deps.clock().toISOString());
    const { served, view } = await sessions.loader.viewOf(row);
    return { id: row.id, token, version: row.version, state: presentState(served, view, row, row.locale) };
  }

  async function byReferenceOrId(query: string): Promise<{ row: SessionRow; via: 'reference' | 'plan' }> {
    const ref = REFERENCE.exec(query.toUpperCase().replace(/\s/g, ''));
    if (ref) {
      const concern = await deps.db.kysely
        .selectFrom('concerns')
        .select('session_id')
        .where('reference', '=', `VW-${ref[1]}-${ref[2]}`)
        .executeTakeFirst();
      if (!concern)
        throw new ApiError(404, 'concern-unknown', 'No concern report has this reference. Ask the caller to read it out again.');
      if (!concern.session_id)
        throw new ApiError(404, 'concern-without-session', 'This concern report was made without a session: there are no answers to open.');
      const row = await deps.store.sessions.find(concern.session_id);
      if (!row) throw new ApiError(410, 'session-expired', 'The session of this report no longer exists. Start a new session.');
      return { row, via: 'reference' };
    }
    const row = SESSION_ID.test(query) ? await deps.store.sessions.find(query) : undefined;
    if (!row)
      throw new ApiError(404, 'session-not-found', 'No session has this code, reference or plan number. Check what the caller reads out.', {
        errors: [{ pointer: '/query', code: 'session-not-found', message: 'Check the code, reference or plan number.' }],
      });
    return { row, via: 'plan' };
  }

  const recordOpen = async (p: Principal, id: string, channel: string, via: string, locale: string | undefined) => {
    await repo.addConsent({
      id: deps.ids.id(),
      session_id: id,
      account_id: p.account.id,
      purpose: 'resume',
      channel,
      consent_text: consentTexts(locale).resume,
      at: deps.clock().toISOString(),
    });
    await kit.record(p, 'session.resume', 'session', id, { channel, via });
  };

  // Per member, like the resume route: a signed-in account must not become a way to guess.
  const limit = rateLimit('find', kit.config.staffResumeRate, deps.clock, (c) => (c as Context<StaffEnv>).get('staff').account.id);
  app.post('/api/staff/find', limit, async (c) => {
    const p = c.get('staff');
    const body = await jsonBody(c, FindBody);
    try {
      if (CODE.test(normalizeCode(body.query))) {
        const created = await resume(body.query, staffGuard, undefined);
        await recordOpen(p, created.id, body.channel, 'code', body.consentLocale);
        return c.json({ ...created, via: 'code' });
      }
      const { row, via } = await byReferenceOrId(body.query);
      const opened = await handle(row);
      await recordOpen(p, row.id, body.channel, via, body.consentLocale);
      return c.json({ ...opened, via });
    } catch (err) {
      await kit.record(p, 'session.resume-failed', 'session', null, { code: err instanceof ApiError ? err.code : 'error' });
      throw err;
    }
  });

  /** The member's sessions since `since` (the start of their day, from the page), newest first. */
  app.get('/api/staff/my-sessions', async (c) => {
    const p = c.get('staff');
    const parsed = Since.safeParse({ since: c.req.query('since') });
    const since = parsed.success ? Date.parse(parsed.data.since) : NaN;
    const now = deps.clock().getTime();
    if (!(since <= now && since >= now - 1.5 * DAY_MS))
      throw new ApiError(422, 'since-invalid', 'Send ?since= as an ISO time within the last 36 hours (the start of your day).', {
        errors: [{ pointer: '/since', code: 'since-invalid', message: 'The start of today, as an ISO time.' }],
      });
    const consents = await kit.db
      .selectFrom('staff_consents')
      .select(['session_id', 'channel'])
      .select((eb) => eb.fn.min('at').as('first'))
      .where('account_id', '=', p.account.id)
      .where('purpose', 'in', ['start', 'resume'])
      .where('at', '>=', new Date(since).toISOString())
      .groupBy(['session_id', 'channel'])
      .execute();
    const seen = new Map<string, { channel: string; first: string }>();
    for (const r of consents) if (!seen.has(r.session_id)) seen.set(r.session_id, { channel: r.channel, first: String(r.first) });
    const items = [];
    for (const [id, at] of seen) {
      const row = await deps.store.sessions.find(id);
      if (!row || row.expiresAt <= new Date(now).toISOString()) continue;
      const { served, view } = await sessions.loader.viewOf(row);
      items.push({
        id,
        tree: row.tree,
        title: localize(served.root.title, 'nl') ?? row.tree,
        channel: at.channel,
        openedAt: at.first,
        updatedAt: row.updatedAt,
        answers: view.record.log.length,
        done: view.done,
      });
    }
    items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return c.json({ items });
  });

  /** Back to one of them: a new token on the consent already recorded, no new consent needed. */
  app.post('/api/staff/sessions/:id/open', async (c) => {
    const { p, id } = await access(c);
    const row = await deps.store.sessions.find(id);
    if (!row) throw new ApiError(410, 'session-expired', 'This session no longer exists. Start a new session.');
    const opened = await handle(row);
    await kit.record(p, 'session.reopen', 'session', id);
    return c.json(opened);
  });

  /** A fresh resume code for the printed plan (the caller continues online or by phone with it). */
  app.post('/api/staff/sessions/:id/resume-code', async (c) => {
    const { p, id } = await access(c);
    const token = c.req.header('x-session-token');
    if (!token) throw new ApiError(401, 'session-token-missing', 'Send the session token as X-Session-Token.');
    const issued = await sessions.newResumeCode(id, {
      authorization: `Bearer ${token}`,
      guard: staffGuard,
      locale: undefined,
      advice: 'full',
    });
    await kit.record(p, 'session.resume-code', 'session', id);
    return c.json(issued, 201);
  });
  return app;
}
