import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { Locale } from '../api/schemas.js';
import type { MyData, StillInCaseSystem } from '../api/contract.js';
import { receiverOrganisation } from '../concerns/concern-service.js';
import { residentDataRepo, type InCaseSystem } from '../db/resident-data-repo.js';
import { localize } from '../../engine/index.js';
import type { StaffDb } from '../db/staff-repo.js';
import type { Deps } from '../deps.js';
import { hashSecret } from '../ids.js';
import { requestedAdvice } from '../http/advice-mode.js';
import { originGuard } from '../http/origin-guard.js';
import { ApiError } from '../http/problem.js';
import { jsonBody } from '../http/validate.js';
import { presentState } from '../sessions/present-state.js';
import { residentAudit } from '../sessions/resident-audit.js';
import type { SessionService } from '../sessions/session-service.js';
import { Erased, MyDataView, State, Withdrawn } from '../api/response-schemas.js';
import { ADVICE } from './query-params.js';
import type { RouteDoc } from './route-doc.js';

const LocaleBody = z.strictObject({ locale: Locale });
const EraseBody = z.strictObject({ confirm: z.literal(true, { error: 'Send {"confirm": true}: deleting cannot be undone.' }) });
const AUTH = { 401: 'token-missing / token-invalid', 404: 'session-not-found', 410: 'session-expired' };

export const residentDataDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/sessions/{id}/locale',
    operationId: 'setLocale',
    tag: 'sessions',
    auth: true,
    query: [ADVICE],
    summary: "Keep the resident's language with the session: a reload or a resume by code then speaks it too.",
    body: LocaleBody,
    response: State,
    responses: { 200: 'SessionState in the new language', ...AUTH, 422: 'validation-failed' },
  },
  {
    method: 'get',
    path: '/api/sessions/{id}/my-data',
    operationId: 'getMyData',
    tag: 'sessions',
    auth: true,
    summary: 'Everything stored about this session (AVG inzage): answers, channels, staff access, notes, concerns, the Wmo melding, plans.',
    response: MyDataView,
    responses: { 200: 'MyData', ...AUTH },
  },
  {
    method: 'post',
    path: '/api/sessions/{id}/staff-access/revoke',
    operationId: 'revokeStaffAccess',
    tag: 'sessions',
    auth: true,
    summary: "End every staff member's access to this session; its codes stop working for staff. Audited.",
    response: MyDataView,
    responses: { 200: 'MyData after the revocation', ...AUTH },
  },
  {
    method: 'post',
    path: '/api/sessions/{id}/erase',
    operationId: 'eraseSession',
    tag: 'sessions',
    auth: true,
    summary:
      'Delete the session and everything about it (answers, codes, staff notes, consents, linked concerns with their internal notes, the Wmo melding, their case-system outbox rows). What a case system already holds as a zaak cannot be deleted from here: it is listed in stillInCaseSystem. Audited without content.',
    body: EraseBody,
    response: Erased,
    responses: { 200: '{ erased: true, stillInCaseSystem }', ...AUTH, 422: 'validation-failed' },
  },
  {
    method: 'post',
    path: '/api/concerns/status/{token}/withdraw',
    operationId: 'withdrawConcern',
    tag: 'concerns',
    summary:
      'The reporter withdraws a concern report with its status token: the report is deleted (a zaak the receiver already has is listed in stillInCaseSystem). Audited without content.',
    response: Withdrawn,
    responses: { 200: '{ withdrawn: true, stillInCaseSystem }', 404: 'concern-not-found' },
  },
];

/** The resident's own data: see it, keep the language, revoke staff access, delete it. */
export function residentDataRoutes(deps: Deps, sessions: SessionService) {
  const repo = residentDataRepo(deps.db.kysely as unknown as StaffDb);
  const audit = residentAudit(deps);
  const now = () => deps.clock().toISOString();
  const load = (c: Context) =>
    sessions.loader.load(c.req.param('id')!, c.req.header('authorization'), originGuard(c, deps.config.corsOrigins));

  async function myData(c: Context): Promise<MyData> {
    const { row, served, view } = await load(c);
    const state = presentState(served, view, row, row.locale, 'when-done');
    const [events, access, notes, handovers, concerns, meldingen, plans] = await Promise.all([
      deps.store.sessions.events(row.id),
      repo.staffAccess(row.id),
      repo.notes(row.id),
      repo.handovers(row.id),
      repo.concerns(row.id),
      repo.meldingen(row.id),
      repo.coachPlans(row.id),
    ]);
    return {
      generatedAt: now(),
      session: {
        id: row.id,
        tree: row.tree,
        treeVersion: row.treeVersion,
        locale: row.locale,
        channel: row.channel,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        expiresAt: row.expiresAt,
      },
      answers: state.trail.map((e) => ({ question: e.question, answer: e.answer, channel: e.channel, at: e.at })),
      events: events.map((e) => ({ seq: e.seq, kind: e.kind, node: e.node, value: e.value, channel: e.channel, at: e.at })),
      staffAccess: access.map((a) => ({
        by: a.display_name ?? '?',
        purpose: a.purpose,
        channel: a.channel,
        at: a.at,
        revokedAt: a.revoked_at ?? null,
      })),
      notes: notes.map((n) => ({ node: n.node, text: n.text, by: n.display_name ?? '?', at: n.at })),
      handovers: handovers.map((h) => ({ serviceId: h.service_id, shared: JSON.parse(h.shared) as string[], status: h.status, at: h.at })),
      concerns: concerns.map((k) => ({
        reference: k.reference,
        about: k.about,
        noticed: k.noticed,
        urgency: k.urgency,
        area: k.area,
        reporter: k.reporter ? (JSON.parse(k.reporter) as unknown) : null,
        receiver: k.receiver,
        status: k.status,
        feedback: k.feedback,
        createdAt: k.created_at,
        updatedAt: k.updated_at,
        internalNotes: Number(k.internal_notes ?? 0),
        zaakIdentificatie: k.zgw_status === 'geregistreerd' ? k.zaak_identificatie : null,
      })),
      meldingen: meldingen.map((m) => ({
        reference: m.reference,
        gemeente: m.gemeente,
        channel: m.channel,
        madeBy: m.made_by_name,
        forWhom: m.for_whom,
        consentText: m.consent_text,
        person: JSON.parse(m.person) as unknown,
        contact: JSON.parse(m.contact) as unknown,
        summary: JSON.parse(m.summary) as unknown,
        status: m.status,
        claimedBy: m.claimed_by ? (m.claimed_by_name ?? '?') : null,
        closeNote: m.close_note,
        createdAt: m.created_at,
        closedAt: m.closed_at,
        zaak: m.zgw_status ? { status: m.zgw_status, identificatie: m.zaak_identificatie } : null,
      })),
      coachPlans: plans.map((p) => ({ domain: p.domain, updatedAt: p.updated_at })),
    };
  }

  /** Who holds what could not be erased: the municipality (a melding) or the report's receiver. */
  const stillThere = (items: InCaseSystem[], locale: string): StillInCaseSystem[] =>
    items.map((i) => ({
      reference: i.reference,
      organisation:
        (i.subject === 'concern' ? receiverOrganisation(deps.trees, i.gemeente, i.receiver) : undefined) ??
        localize(deps.trees.config(i.gemeente)?.name, locale) ??
        i.gemeente,
      zaakIdentificatie: i.zaakIdentificatie,
    }));

  return new Hono()
    .post('/api/sessions/:id/locale', async (c) => {
      const { locale } = await jsonBody(c, LocaleBody);
      const { row, served, view } = await load(c);
      if (row.locale !== locale) await deps.store.sessions.setLocale(row.id, locale);
      return c.json(presentState(served, view, row, locale, requestedAdvice(c)));
    })
    .get('/api/sessions/:id/my-data', async (c) => {
      const data = await myData(c);
      await audit('session.my-data', 'session', data.session.id);
      return c.json(data, 200, { 'cache-control': 'no-store' });
    })
    .post('/api/sessions/:id/staff-access/revoke', async (c) => {
      const { row } = await load(c);
      const revoked = await repo.revokeStaff(row.id, now());
      await audit('session.staff-access-revoked', 'session', row.id, { consents: revoked });
      return c.json(await myData(c), 200, { 'cache-control': 'no-store' });
    })
    .post('/api/sessions/:id/erase', async (c) => {
      await jsonBody(c, EraseBody);
      const { row } = await load(c);
      const { concerns, meldingen, inCaseSystem } = await repo.erase(row.id);
      // Counts only: the audit log keeps no content and no reference of what was erased.
      await audit('session.erased', 'session', row.id, { concerns, meldingen, inCaseSystem: inCaseSystem.length });
      return c.json({ erased: true as const, stillInCaseSystem: stillThere(inCaseSystem, row.locale) });
    })
    .post('/api/concerns/status/:token/withdraw', async (c) => {
      const token = c.req.param('token');
      const gone = /^[A-Za-z0-9_-]{20,200}$/.test(token) ? await repo.withdrawConcern(hashSecret(token)) : undefined;
      if (!gone)
        throw new ApiError(404, 'concern-not-found', 'No report has this status link. It may have been withdrawn or deleted already.');
      await audit('concern.withdrawn', 'concern', gone.id);
      return c.json({ withdrawn: true as const, stillInCaseSystem: stillThere(gone.inCaseSystem, 'nl') });
    });
}
