import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError } from '../http/problem.js';
import { jsonBody, parse } from '../http/validate.js';
import { concernInbox, type InboxCursor } from '../db/concern-inbox.js';
import { presentService } from '../sessions/present-state.js';
import { authenticate, requireRole } from './auth.js';
import { INBOX_ROLES, type StaffEnv, type StaffKit } from './context.js';
import { concernWorkRoutes, receivers } from './concern-work-routes.js';
import { zgwOutboxRows } from '../zgw/zgw-outbox-rows.js';

export const Filter = z.strictObject({
  status: z.enum(['ontvangen', 'opgepakt', 'afgerond']).optional(),
  urgency: z.enum(['niet-dringend', 'binnen-een-week', 'dringend']).optional(),
  about: z.enum(['kind', 'oudere', 'zorgmijder', 'dakloos', 'geld', 'mantelzorg', 'anders']).optional(),
  mine: z.enum(['1']).optional(),
  sort: z.enum(['urgency', 'oldest']).optional().meta({ description: 'urgency (default: most urgent, then newest) or oldest first.' }),
  after: z.string().max(400).optional().meta({ description: 'The `next` of the previous page.' }),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
const PAGE = 50;
/** The cursor as the client holds it: opaque, base64url of the last row's place. */
const Cursor = z.strictObject({ rank: z.number().int().min(0).max(2), createdAt: z.string().max(40), id: z.string().max(100) });
const encodeCursor = (c: InboxCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string): InboxCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const parsed = Cursor.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ApiError(
    422,
    'validation-failed',
    'The query parameter "after" is not a cursor this inbox gave out: send the `next` of the previous page, or leave it out for the first page.',
    {
      errors: [{ parameter: 'after', code: 'invalid-cursor', message: 'Send the `next` of the previous page unchanged.' }],
    },
  );
}
export const CloseBody = z.strictObject({
  feedback: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .meta({ description: 'What the reporter reads on the status page: plain text, no details about the person.' }),
});

/**
 * The concern inbox (behandelaar). Every list, read, claim and close is audited; the list shows
 * what is needed to triage, the details (and the reporter's contact) only on opening one.
 */
export function inboxRoutes(kit: StaffKit) {
  const { deps, repo } = kit;
  const work = concernWorkRoutes(kit);
  const inbox = concernInbox(kit.db);
  const now = () => deps.clock().toISOString();

  /** The reporter sees the organisation that picked the report up, never a staff member's name. */
  function pickedUpBy(receiver: string | null, gemeente: string | null): string {
    if (receiver) {
      for (const t of deps.trees.list()) {
        const s = t.compiled.services.get(receiver);
        if (s) return s.organisation;
      }
    }
    return kit.config.teamName ?? (gemeente ? deps.trees.config(gemeente)?.staff?.teamName : undefined) ?? 'Sociaal wijkteam';
  }

  const app = new Hono<StaffEnv>();
  app.use('/api/staff/concerns', authenticate(kit), requireRole(INBOX_ROLES));
  app.use('/api/staff/concerns/*', authenticate(kit), requireRole(INBOX_ROLES));

  app.get('/api/staff/concerns', async (c) => {
    const p = c.get('staff');
    const f = parse(Filter, c.req.query(), { query: true });
    const filter = { status: f.status, urgency: f.urgency, about: f.about, claimedBy: f.mine ? p.account.id : undefined };
    const [{ items: rows, next }, counts] = await Promise.all([
      inbox.page(filter, f.after === undefined ? undefined : decodeCursor(f.after), f.limit ?? PAGE, f.sort ?? 'urgency'),
      inbox.counts(filter),
    ]);
    const names = await repo.accountNames([...new Set(rows.map((r) => r.claimed_by).filter((x): x is string => !!x))]);
    await kit.record(p, 'concern.list', 'concern', null, { count: rows.length, ...f });
    return c.json({
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        about: r.about,
        urgency: r.urgency,
        area: r.area,
        status: r.status,
        claimedBy: r.claimed_by ? (names.get(r.claimed_by) ?? '?') : null,
        mine: r.claimed_by === p.account.id,
        createdAt: r.created_at,
      })),
      /** The `after` of the next page; null on the last. */
      next: next && encodeCursor(next),
      /** Reports per status under the other filters. */
      counts,
    });
  });

  app.get('/api/staff/concerns/:id', async (c) => {
    const p = c.get('staff');
    const r = await repo.concernById(c.req.param('id'));
    if (!r) throw new ApiError(404, 'concern-not-found', 'No report with this id. Reload the inbox.');
    const events = await deps.store.concerns.events(r.id);
    const notes = await work.notes.list(r.id);
    const names = await repo.accountNames([...new Set([...(r.claimed_by ? [r.claimed_by] : []), ...notes.map((n) => n.account_id)])]);
    const claimer = r.claimed_by ? names.get(r.claimed_by) : undefined;
    let receiver = null;
    for (const t of deps.trees.list()) {
      const s = r.receiver ? t.compiled.services.get(r.receiver) : undefined;
      if (s) receiver = presentService(s, 'nl');
    }
    const reg = await zgwOutboxRows(kit.db as never).registration(r.id);
    await kit.record(p, 'concern.read', 'concern', r.id);
    return c.json({
      id: r.id,
      reference: r.reference,
      about: r.about,
      noticed: r.noticed,
      urgency: r.urgency,
      area: r.area,
      reporter: r.reporter ? (JSON.parse(r.reporter) as unknown) : null,
      receiver,
      status: r.status,
      feedback: r.feedback,
      claimedBy: claimer ?? null,
      mine: r.claimed_by === p.account.id,
      fromSession: !!r.session_id,
      createdAt: r.created_at,
      events: events.map((e) => ({ kind: e.kind, at: e.at })),
      notes: notes.map((n) => ({ id: n.id, text: n.text, by: names.get(n.account_id) ?? '?', at: n.at })),
      /** Where it can be forwarded to: the municipality's sociale kaart. */
      receivers: [...receivers(kit, r.gemeente).values()],
      zgw: reg
        ? {
            status: reg.status,
            receiver: reg.receiver,
            zaakIdentificatie: reg.zaak_identificatie,
            attempts: reg.attempts,
            lastError: reg.last_error,
          }
        : null,
    });
  });

  app.post('/api/staff/concerns/:id/claim', async (c) => {
    const p = c.get('staff');
    const r = await repo.concernById(c.req.param('id'));
    if (!r) throw new ApiError(404, 'concern-not-found', 'No report with this id. Reload the inbox.');
    const at = now();
    const moved = await deps.store.concerns.pickUp(r.id, pickedUpBy(r.receiver, r.gemeente), `staff:${p.account.id}`, at);
    if (!moved)
      throw new ApiError(
        409,
        'concern-already-claimed',
        `This report is "${r.status}" already: someone else picked it up. Reload the inbox.`,
      );
    await repo.claim(r.id, p.account.id, at);
    await kit.record(p, 'concern.claim', 'concern', r.id);
    return c.json({ id: r.id, status: 'opgepakt', claimedBy: p.account.displayName, mine: true });
  });

  app.post('/api/staff/concerns/:id/close', async (c) => {
    const p = c.get('staff');
    const { feedback } = await jsonBody(c, CloseBody);
    const r = await repo.concernById(c.req.param('id'));
    if (!r) throw new ApiError(404, 'concern-not-found', 'No report with this id. Reload the inbox.');
    if (r.status !== 'opgepakt') throw new ApiError(409, 'concern-not-claimed', `Claim the report first (it is "${r.status}").`);
    if (r.claimed_by !== p.account.id && p.account.role !== 'beheerder') {
      throw new ApiError(403, 'concern-claimed-by-other', 'Only the behandelaar who claimed this report (or a beheerder) can close it.');
    }
    const closed = await deps.store.concerns.close(r.id, feedback, `staff:${p.account.id}`, now());
    if (!closed) throw new ApiError(409, 'concern-changed', 'The report changed meanwhile. Reload it.');
    await kit.record(p, 'concern.close', 'concern', r.id);
    return c.json({ id: r.id, status: 'afgerond', feedback });
  });

  app.route('/', work.app);
  return app;
}
