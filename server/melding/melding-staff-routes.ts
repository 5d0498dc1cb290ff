import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ApiError } from '../http/problem.js';
import { jsonBody, parse } from '../http/validate.js';
import type { RequestGuard } from '../sessions/load-session.js';
import type { SessionService } from '../sessions/session-service.js';
import { authenticate, requireRole } from '../staff/auth.js';
import { CONSOLE_ROLES, INBOX_ROLES, type StaffEnv, type StaffKit } from '../staff/context.js';
import { StaffMeldingBody, type MeldingContact, type MeldingPerson } from './melding-body.js';
import { kick, meldingModule } from './melding-module.js';
import type { MeldingenTable } from './melding-repo.js';
import { meldingStatus, pdfResponse } from './melding-routes.js';

const staffGuard: RequestGuard = { checkOrigin() {} };
export const Filter = z.strictObject({ status: z.enum(['ontvangen', 'opgepakt', 'afgerond']).optional() });
export const CloseBody = z.strictObject({
  note: z.string().trim().min(1).max(2000).meta({ description: 'What was done; for staff only.' }),
});

/**
 * The melding in the staff console – made by a medewerker on behalf of a caller (14 023, loket,
 * wijkcoach), recorded as such – and the meldingen inbox for municipalities without a case system
 * yet: list, read, claim, close, export, PDF, and a retry of a failed ZGW registration.
 */
export function meldingStaffRoutes(kit: StaffKit, sessions: SessionService) {
  const { deps, repo: staffRepo } = kit;
  const module = meldingModule(deps);
  const { repo } = module;
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
  const found = async (id: string) => {
    const m = await repo.byId(id);
    if (!m) throw new ApiError(404, 'melding-not-found', 'No melding with this id. Reload the inbox.');
    return m;
  };

  async function consented(c: Context<StaffEnv>) {
    const p = c.get('staff');
    const id = c.req.param('id')!;
    if (!(await staffRepo.hasAccess(id, p.account.id))) {
      await kit.record(p, 'session.denied', 'session', id);
      throw new ApiError(
        403,
        'no-consent-recorded',
        'Open this session through "Verder met code" (with consent) or start it yourself first.',
      );
    }
    return { p, loaded: await sessions.loader.load(id, bearer(c), staffGuard) };
  }

  const app = new Hono<StaffEnv>();
  app.use('/api/staff/sessions/:id/melding', authenticate(kit), requireRole(CONSOLE_ROLES));
  app.use('/api/staff/meldingen', authenticate(kit), requireRole(INBOX_ROLES));
  app.use('/api/staff/meldingen/*', authenticate(kit), requireRole(INBOX_ROLES));

  app.get('/api/staff/sessions/:id/melding', async (c) => {
    const { loaded } = await consented(c);
    return c.json(await module.service.preview(loaded, loaded.row.locale));
  });

  app.post('/api/staff/sessions/:id/melding', async (c) => {
    const { p, loaded } = await consented(c);
    const { channel, ...fields } = await jsonBody(c, StaffMeldingBody);
    const { status, body, repeated } = await module.service.create(loaded, fields, {
      channel,
      staff: { id: p.account.id, name: p.account.displayName },
    });
    await deps.db.durable();
    // A repeat of the same request (same key) was recorded the first time.
    if (!repeated)
      await kit.record(p, 'melding.create', 'melding', body.reference, { session: loaded.row.id, channel, forWhom: body.forWhom });
    kick(module, deps);
    return c.json(body, status as 201);
  });

  app.get('/api/staff/meldingen', async (c) => {
    const p = c.get('staff');
    const f = parse(Filter, c.req.query(), { query: true });
    const rows = await repo.list(f);
    const names = await staffRepo.accountNames([...new Set(rows.map((r) => r.claimed_by).filter((x): x is string => !!x))]);
    await kit.record(p, 'melding.list', 'melding', null, { count: rows.length, ...f });
    return c.json({
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        gemeente: r.gemeente,
        channel: r.channel,
        forWhom: r.for_whom,
        madeBy: r.made_by_name,
        status: r.status,
        claimedBy: r.claimed_by ? (names.get(r.claimed_by) ?? '?') : null,
        createdAt: r.created_at,
        zgw: r.zgw_status
          ? { status: r.zgw_status, zaakIdentificatie: r.zaak_identificatie, attempts: r.attempts, lastError: r.last_error }
          : null,
      })),
    });
  });

  // Before /:id. CSV for the municipality's own systems: one row per melding, no free text but the contact.
  app.get('/api/staff/meldingen/export', async (c) => {
    const p = c.get('staff');
    const f = parse(Filter, c.req.query(), { query: true });
    const rows = await Promise.all((await repo.list(f)).map((r) => found(r.id)));
    await kit.record(p, 'melding.export', 'melding', null, { count: rows.length, ...f });
    return new Response(toCsv(rows), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="meldingen.csv"',
        'cache-control': 'no-store',
      },
    });
  });

  app.get('/api/staff/meldingen/:id', async (c) => {
    const p = c.get('staff');
    const m = await found(c.req.param('id'));
    const reg = await repo.registration(m.id);
    await kit.record(p, 'melding.read', 'melding', m.reference);
    return c.json({
      ...(await meldingStatus(module, m)),
      id: m.id,
      madeBy: m.made_by_name,
      consentText: m.consent_text,
      person: JSON.parse(m.person) as MeldingPerson,
      contact: JSON.parse(m.contact) as MeldingContact,
      summary: JSON.parse(m.summary) as unknown,
      closeNote: m.close_note,
      zgw: reg && {
        status: reg.status,
        attempts: reg.attempts,
        lastError: reg.last_error,
        nextAttemptAt: reg.next_attempt_at,
        zaakUrl: reg.zaak_url,
        zaakIdentificatie: reg.zaak_identificatie,
      },
    });
  });

  app.get('/api/staff/meldingen/:id/pdf', async (c) => {
    const m = await found(c.req.param('id'));
    await kit.record(c.get('staff'), 'melding.pdf', 'melding', m.reference);
    return pdfResponse(module, m);
  });

  app.post('/api/staff/meldingen/:id/claim', async (c) => {
    const p = c.get('staff');
    const m = await found(c.req.param('id'));
    const at = deps.clock().toISOString();
    if (!(await repo.move(m.id, 'ontvangen', { status: 'opgepakt', claimed_by: p.account.id, updated_at: at })))
      throw new ApiError(
        409,
        'melding-already-claimed',
        `This melding is "${m.status}" already: someone else picked it up. Reload the inbox.`,
      );
    await kit.record(p, 'melding.claim', 'melding', m.reference);
    return c.json({ id: m.id, status: 'opgepakt', claimedBy: p.account.displayName });
  });

  app.post('/api/staff/meldingen/:id/close', async (c) => {
    const p = c.get('staff');
    const m = await found(c.req.param('id'));
    const { note } = await jsonBody(c, CloseBody);
    if (m.status !== 'opgepakt' || m.claimed_by !== p.account.id)
      throw new ApiError(409, 'melding-not-yours', 'Claim the melding first; only whoever picked it up closes it.');
    const at = deps.clock().toISOString();
    if (!(await repo.move(m.id, 'opgepakt', { status: 'afgerond', close_note: note, closed_at: at, updated_at: at })))
      throw new ApiError(409, 'melding-moved', 'The melding changed meanwhile. Reload it.');
    await kit.record(p, 'melding.close', 'melding', m.reference);
    return c.json({ id: m.id, status: 'afgerond' });
  });

  app.post('/api/staff/meldingen/:id/zgw-retry', async (c) => {
    const p = c.get('staff');
    const m = await found(c.req.param('id'));
    if (!(await module.outbox.retry(m.id)))
      throw new ApiError(
        409,
        'zgw-not-retryable',
        'This melding is not waiting for a retry: it is registered, being registered now, or has no case system.',
      );
    await kit.record(p, 'melding.zgw-retry', 'melding', m.reference);
    kick(module, deps);
    return c.json({ id: m.id, zgw: 'wachten' });
  });

  return app;
}

const COLUMNS = ['kenmerk', 'datum', 'kanaal', 'voor', 'naam', 'postcode', 'huisnummer', 'telefoon', 'email', 'bereikbaar', 'status'];

function toCsv(rows: MeldingenTable[]): string {
  const cell = (v: unknown) => {
    const s = String(v ?? '');
    // A leading = + - @ would be a formula in a spreadsheet: prefix it so it stays text.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = rows.map((m) => {
    const person = JSON.parse(m.person) as MeldingPerson;
    const contact = JSON.parse(m.contact) as MeldingContact;
    const nummer = `${person.huisnummer}${person.huisletter ?? ''}${person.toevoeging ? `-${person.toevoeging}` : ''}`;
    return [
      m.reference,
      m.created_at,
      m.channel,
      m.for_whom,
      person.name,
      person.postcode,
      nummer,
      contact.phone,
      contact.email,
      contact.when,
      m.status,
    ]
      .map(cell)
      .join(',');
  });
  return [COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
