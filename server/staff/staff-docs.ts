// The staff API in the OpenAPI document: one entry per /api/staff route, beside the route files
// rather than in them. Request schemas are the routes' own; response schemas are here.
import { z } from 'zod';
import { Created, Receipt, Service, State } from '../api/response-schemas.js';
import { ROLES } from '../db/staff-repo.js';
import type { QueryParam, RouteDoc } from '../routes/route-doc.js';
import { queryOf } from '../routes/route-doc.js';
import { Query as AuditQuery } from './audit-routes.js';
import { MeldingPreviewView, MeldingReceiptView } from '../api/melding-response-schemas.js';
import { MeldingFieldsBody } from '../melding/melding-body.js';
import { EntryBody, PlanBody, WalkBody } from './coach/coach-routes.js';
import { NoteBody, OnBehalfBody, ResumeBody, StaffAnswerBody, StartBody } from './console-routes.js';
import { HandoverBody } from './handover-routes.js';
import { BackBody } from '../api/schemas.js';
import { CloseBody, Filter } from './inbox-routes.js';
import { LoginBody } from './login-routes.js';

const Role = z.enum(ROLES);
const SESSION_TOKEN: QueryParam = {
  name: 'X-Session-Token',
  required: true,
  description: 'The session token from POST /api/staff/sessions or /api/staff/resume.',
  schema: z.string(),
};
export const ACCESS = {
  401: 'staff-login-required / session-token-missing',
  404: 'session-not-found',
  403: 'no-consent-recorded (open the session with consent first)',
};
const WRITE = { ...ACCESS, 409: 'version-conflict (carries the current state)', 422: 'validation-failed or an engine code' };

const By = { by: z.string().meta({ description: "The staff member's display name." }), at: z.string() };
export const Note = z.object({ id: z.string(), node: z.string(), text: z.string(), ...By }).meta({ id: 'StaffNote' });
const StaffSession = z
  .object({
    state: State,
    callerLocale: z.string().meta({ description: 'The language the caller chose; `state` is in ?lang= or this.' }),
    answeredBy: z.record(z.string(), z.string()).meta({ description: 'Node → the staff member who gave that answer on a staff channel.' }),
    channel: z.string(),
    notes: z.array(Note),
    consents: z.array(z.object({ purpose: z.string(), channel: z.string(), ...By })),
    handovers: z.array(z.object({ id: z.string(), serviceId: z.string(), shared: z.array(z.string()), status: z.string(), ...By })),
    services: z.array(
      Service.extend({ connected: z.boolean().meta({ description: 'A handover to it is delivered; otherwise the medewerker phones.' }) }),
    ),
  })
  .meta({ id: 'StaffSessionView' });
const Handover = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    organisation: z.string(),
    phone: z.string().optional(),
    shared: z.array(z.string()),
    connected: z.boolean(),
    status: z.enum(['klaar-voor-overdracht', 'geen-koppeling']),
    summary: z.string(),
    at: z.string(),
  })
  .meta({ id: 'Handover' });
const Me = z.object({ name: z.string(), displayName: z.string(), role: Role });
const InboxPage = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        about: z.string(),
        urgency: z.string(),
        area: z.string().nullable(),
        status: z.enum(['ontvangen', 'opgepakt', 'afgerond']),
        claimedBy: z.string().nullable(),
        mine: z.boolean(),
        createdAt: z.string(),
      }),
    ),
    next: z.string().nullable().meta({ description: 'The `after` of the next page; null on the last.' }),
    counts: z.record(z.string(), z.int()).meta({ description: 'Reports per status under the other filters.' }),
  })
  .meta({ id: 'ConcernInboxPage' });
export const ConcernNote = z.object({ id: z.string(), text: z.string(), ...By }).meta({ id: 'ConcernNote' });
const Receiver = z.object({ id: z.string(), name: z.string(), organisation: z.string() });
const ConcernDetail = z
  .object({
    id: z.string(),
    reference: z.string(),
    about: z.string(),
    noticed: z.string(),
    urgency: z.string(),
    area: z.string().nullable(),
    reporter: z.object({ name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() }).nullable(),
    receiver: Service.nullable(),
    status: z.enum(['ontvangen', 'opgepakt', 'afgerond']),
    feedback: z.string().nullable(),
    claimedBy: z.string().nullable(),
    mine: z.boolean(),
    fromSession: z.boolean(),
    createdAt: z.string(),
    events: z.array(z.object({ kind: z.string(), at: z.string() })),
    notes: z.array(ConcernNote).meta({ description: 'Internal notes; never shown to the reporter.' }),
    receivers: z.array(Receiver).meta({ description: "Where it can be forwarded to: the municipality's sociale kaart." }),
    zgw: z
      .object({
        status: z.enum(['wachten', 'bezig', 'geregistreerd', 'opnieuw-proberen', 'mislukt']),
        receiver: z.string().nullable(),
        zaakIdentificatie: z.string().nullable(),
        attempts: z.int(),
        lastError: z.string().nullable(),
      })
      .nullable()
      .meta({ description: "Its registration as a zaak at the receiver's case system; null when the receiver has none configured." }),
  })
  .meta({ id: 'ConcernDetail' });
const AuditPage = z
  .object({
    entries: z.array(
      z.object({
        seq: z.number(),
        at: z.string(),
        accountId: z.string().nullable(),
        role: z.string().nullable(),
        action: z.string(),
        targetKind: z.string(),
        targetId: z.string().nullable(),
        detail: z.record(z.string(), z.unknown()).nullable(),
        address: z.string().nullable(),
        hash: z.string(),
      }),
    ),
    next: z.number().nullable(),
  })
  .meta({ id: 'AuditPage' });
const Entry = z
  .object({
    domain: z.string(),
    score: z.int().nullable(),
    note: z.string(),
    sessionId: z.string().nullable(),
    revision: z.int(),
    updatedAt: z.string(),
    advice: z
      .object({ done: z.boolean(), items: z.array(z.object({ title: z.string(), layer: z.string() })) })
      .nullable()
      .optional()
      .meta({ description: "The linked session's plan items: the domain's walked tree advice (GET plan and a sent walk)." }),
    melding: z
      .object({ made: z.object({ reference: z.string() }).nullable(), preview: MeldingPreviewView.nullable() })
      .nullable()
      .optional()
      .meta({ description: "The domain's Wmo melding: made (its reference), or offered with the check-answers page the device keeps." }),
  })
  .meta({ id: 'CoachEntry' });
const CoachPlan = z
  .object({ id: z.string(), label: z.string(), question: z.string(), updatedAt: z.string(), entries: z.array(Entry) })
  .meta({ id: 'CoachPlan' });

/** A route for a signed-in staff member; `sessionDoc`: one on an opened session (its X-Session-Token too). */
export const staffDoc = (doc: Omit<RouteDoc, 'auth'>): RouteDoc => ({ ...doc, auth: 'staff' });
export const sessionDoc = (doc: Omit<RouteDoc, 'auth' | 'headers'>): RouteDoc => staffDoc({ ...doc, headers: [SESSION_TOKEN] });

export const staffDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/staff/login',
    operationId: 'staffLogin',
    tag: 'staff',
    summary: 'Sign in with a local account: sets the staff session and CSRF cookies. Limited per address and per account.',
    body: LoginBody,
    response: Me.extend({ csrf: z.string().meta({ description: 'Echo it as X-CSRF-Token on every staff write.' }) }).meta({
      id: 'StaffLogin',
    }),
    responses: {
      200: 'Signed in',
      401: 'login-failed',
      403: 'origin-not-allowed',
      422: 'validation-failed',
      429: 'rate-limited / account-locked',
    },
  },
  {
    method: 'get',
    path: '/api/staff/login-options',
    operationId: 'staffLoginOptions',
    tag: 'staff',
    summary: 'Which sign-in methods this server offers.',
    response: z.object({ password: z.boolean(), oidc: z.boolean() }).meta({ id: 'StaffLoginOptions' }),
    responses: { 200: 'The methods' },
  },
  staffDoc({
    method: 'get',
    path: '/api/staff/me',
    operationId: 'staffMe',
    tag: 'staff',
    summary: 'Who is signed in.',
    response: Me.extend({ oidc: z.boolean() }).meta({ id: 'StaffMe' }),
    responses: { 200: 'The signed-in account' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/logout',
    operationId: 'staffLogout',
    tag: 'staff',
    summary: 'End the staff session and clear its cookies.',
    responses: { 204: 'Signed out' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/trees',
    operationId: 'staffTrees',
    tag: 'staff console',
    summary: 'The trees a phone or loket conversation can start on.',
    response: z.array(z.object({ id: z.string(), gemeente: z.string(), door: z.string(), version: z.string(), title: z.string() })),
    responses: { 200: 'The trees' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/consent-texts',
    operationId: 'staffConsentTexts',
    tag: 'staff console',
    summary: 'The texts read out before resuming or handing over (stored verbatim with each consent).',
    response: z.object({ resume: z.string(), handover: z.string() }).meta({ id: 'ConsentTexts' }),
    responses: { 200: 'The texts' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/sessions',
    operationId: 'staffStartSession',
    tag: 'staff console',
    summary: 'Start a session for a caller or visitor on a staff channel.',
    body: StartBody,
    response: Created,
    responses: { 201: 'Started', 404: 'tree-not-found', 422: 'validation-failed' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/resume',
    operationId: 'staffResume',
    tag: 'staff console',
    summary: "Open a resident's session with the code they read out, after reading the consent text. Limited per account.",
    body: ResumeBody,
    response: Created,
    responses: {
      200: 'Resumed, with a new token',
      404: 'resume-code-unknown',
      410: 'resume-code-expired',
      422: 'validation-failed',
      429: 'rate-limited',
    },
  }),
  sessionDoc({
    method: 'get',
    path: '/api/staff/sessions/{id}',
    operationId: 'staffGetSession',
    tag: 'staff console',
    summary: 'The session as staff see it: state, notes, consents, handovers and the sociale kaart.',
    response: StaffSession,
    responses: { 200: 'The session', ...ACCESS },
  }),
  sessionDoc({
    method: 'post',
    path: '/api/staff/sessions/{id}/answers',
    operationId: 'staffAnswer',
    tag: 'staff console',
    summary: 'Answer (or change an answer) on behalf of the resident; the channel is recorded.',
    body: StaffAnswerBody,
    response: State,
    responses: { 200: 'The new state', ...WRITE },
  }),
  sessionDoc({
    method: 'post',
    path: '/api/staff/sessions/{id}/back',
    operationId: 'staffBack',
    tag: 'staff console',
    summary: 'Undo the last answer.',
    body: BackBody,
    response: State,
    responses: { 200: 'The new state', ...WRITE },
  }),
  sessionDoc({
    method: 'post',
    path: '/api/staff/sessions/{id}/notes',
    operationId: 'staffAddNote',
    tag: 'staff console',
    summary: 'A note on a step (visible to staff only).',
    body: NoteBody,
    response: Note,
    responses: { 201: 'Added', ...ACCESS, 422: 'validation-failed / unknown-step' },
  }),
  sessionDoc({
    method: 'post',
    path: '/api/staff/sessions/{id}/handover',
    operationId: 'staffHandover',
    tag: 'staff console',
    summary: 'Hand the session over to a service with consent: into the outbox, delivered when the organisation has an endpoint.',
    body: HandoverBody,
    response: Handover,
    responses: { 201: 'In the outbox', ...ACCESS, 422: 'validation-failed / unknown-service' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/concern-reports',
    operationId: 'staffReportConcern',
    tag: 'staff console',
    summary: 'Report a concern on behalf of a caller (optionally from an opened session: send its X-Session-Token).',
    body: OnBehalfBody,
    response: Receipt,
    responses: { 201: 'Received', 403: 'no-consent-recorded', 422: 'validation-failed' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/concerns',
    operationId: 'staffListConcerns',
    tag: 'concern inbox',
    summary: 'The concern inbox: most urgent and newest first, a page at a time, with counts per status.',
    query: queryOf(Filter),
    response: InboxPage,
    responses: { 200: 'A page', 422: 'validation-failed (a query parameter)' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/concerns/{id}',
    operationId: 'staffGetConcern',
    tag: 'concern inbox',
    summary: "One report in full, with the reporter's contact (audited).",
    response: ConcernDetail,
    responses: { 200: 'The report', 404: 'concern-not-found' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/concerns/{id}/claim',
    operationId: 'staffClaimConcern',
    tag: 'concern inbox',
    summary: 'Pick a report up; exactly one behandelaar wins.',
    response: z.object({ id: z.string(), status: z.literal('opgepakt'), claimedBy: z.string(), mine: z.literal(true) }),
    responses: { 200: 'Claimed', 404: 'concern-not-found', 409: 'concern-already-claimed' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/concerns/{id}/close',
    operationId: 'staffCloseConcern',
    tag: 'concern inbox',
    summary: 'Close a claimed report with feedback the reporter reads on the status page.',
    body: CloseBody,
    response: z.object({ id: z.string(), status: z.literal('afgerond'), feedback: z.string() }),
    responses: {
      200: 'Closed',
      403: 'concern-claimed-by-other',
      404: 'concern-not-found',
      409: 'concern-not-claimed / concern-changed',
      422: 'validation-failed',
    },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/audit',
    operationId: 'staffAuditLog',
    tag: 'audit',
    summary: 'The audit log for a beheerder, newest first (reading it is audited too).',
    query: queryOf(AuditQuery),
    response: AuditPage,
    responses: { 200: 'A page', 422: 'validation-failed (a query parameter)' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/audit/verify',
    operationId: 'staffAuditVerify',
    tag: 'audit',
    summary: "Check the audit log's hash chain.",
    response: z
      .object({
        checked: z.int(),
        intact: z.boolean(),
        brokenAt: z.int().optional().meta({ description: 'The first seq that does not chain.' }),
      })
      .meta({ id: 'AuditCheck' }),
    responses: { 200: 'The check' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/coach/meta',
    operationId: 'coachMeta',
    tag: 'kitchen table',
    summary: 'The life domains (with the tree that advises on each) and the 1–5 scale.',
    response: z.object({
      domains: z.array(z.object({ id: z.string(), name: z.string(), tree: z.string().nullable() })),
      scale: z.array(z.object({ value: z.int(), label: z.string() })),
    }),
    responses: { 200: 'Domains and scale' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/coach/plans',
    operationId: 'coachListPlans',
    tag: 'kitchen table',
    summary: "The coach's own plans.",
    response: z.array(CoachPlan.omit({ entries: true })),
    responses: { 200: 'The plans' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/coach/plans',
    operationId: 'coachCreatePlan',
    tag: 'kitchen table',
    summary: 'Make a plan for a household (an id chosen offline makes a resend harmless).',
    body: PlanBody,
    response: CoachPlan,
    responses: { 200: 'Already made (a resend)', 201: 'Made', 409: 'plan-id-taken', 422: 'validation-failed' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/coach/plans/{id}',
    operationId: 'coachGetPlan',
    tag: 'kitchen table',
    summary: 'One plan with its entries.',
    response: CoachPlan,
    responses: { 200: 'The plan', 404: 'plan-not-found' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/coach/plans/{id}/entries',
    operationId: 'coachChangeEntry',
    tag: 'kitchen table',
    summary: "Record a domain's score and note on the revision last seen; idempotent per key.",
    body: EntryBody,
    response: z.object({ entry: Entry }),
    responses: { 200: 'Recorded', 404: 'plan-not-found', 409: 'plan-conflict (carries the current entry)', 422: 'validation-failed' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/coach/plans/{id}/entries/{domain}/session',
    operationId: 'coachStartDomainSession',
    tag: 'kitchen table',
    summary: "Start the domain's advice tree, linked to the entry.",
    response: z.object({ session: Created, entry: Entry }),
    responses: { 201: 'Started', 404: 'plan-not-found / tree-not-found', 422: 'domain-not-recorded' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/coach/offline-trees',
    operationId: 'coachOfflineTrees',
    tag: 'kitchen table',
    summary: "Every domain's tree bundle as it serves now, to walk the advice without internet.",
    response: z.object({
      trees: z.array(z.object({ domain: z.string(), tree: z.string(), bundleHash: z.string() })),
      bundles: z.record(z.string(), z.unknown()),
      melding: z.record(z.string(), MeldingPreviewView.pick({ consentText: true, nextSteps: true, contact: true }).nullable()).meta({
        description: 'Per municipality its Wmo-melding words (Dutch), for a melding on advice walked offline; null: it takes none.',
      }),
    }),
    responses: { 200: 'The bundles' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/coach/plans/{id}/entries/{domain}/walk',
    operationId: 'coachSendOfflineWalk',
    tag: 'kitchen table',
    summary:
      'Answers walked offline (or, with `continues`, an online walk continued offline): applied in order, or refused whole before anything is written.',
    body: WalkBody,
    response: z.object({ session: z.object({ id: z.string(), token: z.string() }), entry: Entry, state: State }),
    responses: {
      200: 'Applied',
      404: 'plan-not-found / tree-not-found',
      409: 'tree-changed / walk-refused / session-changed (the continued session changed meanwhile)',
      422: 'domain-not-recorded',
    },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/coach/plans/{id}/entries/{domain}/melding',
    operationId: 'coachMakeMelding',
    tag: 'meldingen',
    summary:
      "The Wmo melding for a domain's walked advice, made by the coach with the resident (wijkcoach channel). Idempotent per key (the device's queue resends); one per session.",
    body: MeldingFieldsBody,
    response: MeldingReceiptView,
    responses: {
      201: 'MeldingReceipt',
      404: 'plan-not-found / melding-not-offered',
      409: 'melding-already-made',
      422: 'domain-not-walked / validation-failed / melding-not-in-plan / for-whom-differs / idempotency-key-reused',
    },
  }),
];
