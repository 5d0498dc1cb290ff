// The staff routes beside the console's core: finding a session and today's own, reopening one,
// its printed-plan code, an answered step, the live stream, the handover preview, and a
// behandelaar's notes, forwarding and case-system retry on a concern report. Gathered in server/api/route-docs.ts.
import { z } from 'zod';
import { Answered, CodeIssued, Created } from '../api/response-schemas.js';
import type { RouteDoc } from '../routes/route-doc.js';
import { LANG, NODE } from '../routes/query-params.js';
import { ForwardBody, NoteBody as ConcernNoteBody } from './concern-work-routes.js';
import { FindBody, Since } from './find-routes.js';
import { PreviewBody } from './handover-routes.js';
import { ACCESS, ConcernNote, sessionDoc, staffDoc } from './staff-docs.js';

/** A new token on a session the member may open; a resume code only when it was found by one. */
const Opened = Created.omit({ resumeCode: true, resumeExpiresAt: true }).meta({ id: 'OpenedSession' });
const Found = Opened.extend({
  resumeCode: z.string().optional(),
  resumeExpiresAt: z.string().optional(),
  via: z
    .enum(['code', 'reference', 'plan'])
    .meta({ description: 'What the query matched: a resume code, a concern reference, a plan number.' }),
}).meta({ id: 'FoundSession' });

const MySessions = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        tree: z.string(),
        title: z.string(),
        channel: z.string(),
        openedAt: z.string(),
        updatedAt: z.string(),
        answers: z.int(),
        done: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'MySessions' });

const LiveStream = z.string().meta({
  contentMediaType: 'text/event-stream',
  description:
    'Server-Sent Events: `event: version` with `data: {"version": n}` now and after every committed step from any channel; a comment line every 25 s keeps the stream open. Only the version goes out: read the state with GET /api/staff/sessions/{id}.',
});

const HandoverPreview = z
  .object({
    serviceId: z.string(),
    organisation: z.string(),
    name: z.string(),
    phone: z.string().optional(),
    connected: z.boolean().meta({ description: 'false: no delivery endpoint, the medewerker phones the organisation.' }),
    summary: z.string().meta({ description: 'Exactly what would go out (or be read out).' }),
  })
  .meta({ id: 'HandoverPreview' });

export const staffWorkDocs: RouteDoc[] = [
  staffDoc({
    method: 'post',
    path: '/api/staff/find',
    operationId: 'staffFind',
    tag: 'staff console',
    summary:
      'Open a session by the resume code, the reference of a concern report made in it, or the plan number (session id), after the consent text. Audited with how it was found; limited per account.',
    body: FindBody,
    response: Found,
    responses: {
      200: 'Opened, with a new token',
      404: 'session-not-found / resume-code-unknown / concern-unknown / concern-without-session',
      410: 'session-expired / resume-code-expired',
      422: 'validation-failed',
      429: 'rate-limited',
    },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/my-sessions',
    operationId: 'staffMySessions',
    tag: 'staff console',
    summary: "The member's own sessions since the start of their day (started or opened with consent), newest first.",
    query: [
      {
        name: 'since',
        required: true,
        description: 'The start of your day, as an ISO time within the last 36 hours.',
        schema: Since.shape.since,
      },
    ],
    response: MySessions,
    responses: { 200: 'The sessions', 422: 'since-invalid' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/sessions/{id}/open',
    operationId: 'staffReopenSession',
    tag: 'staff console',
    summary: 'Back to one of your sessions: a new token on the consent already recorded.',
    response: Opened,
    responses: { 200: 'Opened, with a new token', 403: ACCESS[403], 410: 'session-expired' },
  }),
  sessionDoc({
    method: 'post',
    path: '/api/staff/sessions/{id}/resume-code',
    operationId: 'staffNewResumeCode',
    tag: 'staff console',
    summary: 'A fresh resume code for the printed plan: the caller continues online or by phone with it.',
    response: CodeIssued,
    responses: { 201: 'Issued', ...ACCESS },
  }),
  sessionDoc({
    method: 'get',
    path: '/api/staff/sessions/{id}/steps',
    operationId: 'staffGetAnsweredStep',
    tag: 'staff console',
    summary: 'An answered step again ("Wijzig"): answering it revises; later answers that still fit stay. Audited.',
    query: [NODE, LANG],
    response: Answered,
    responses: { 200: 'AnsweredStep', ...ACCESS, 404: 'session-not-found / step-not-answered' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/sessions/{id}/live',
    operationId: 'staffLiveSession',
    tag: 'staff console',
    summary:
      "The session's version, pushed as it changes (EventSource; cookies only, no session token). Ends once the staff session has ended.",
    response: LiveStream,
    media: 'text/event-stream',
    responses: { 200: 'The event stream', 403: ACCESS[403], 404: 'session-not-found' },
  }),
  sessionDoc({
    method: 'post',
    path: '/api/staff/sessions/{id}/handover/preview',
    operationId: 'staffHandoverPreview',
    tag: 'staff console',
    summary:
      'Before the handover: whether the organisation has a delivery endpoint, and the exact summary of the chosen parts. Records nothing.',
    body: PreviewBody,
    response: HandoverPreview,
    responses: { 200: 'The preview', ...ACCESS, 422: 'validation-failed / unknown-service' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/concerns/{id}/notes',
    operationId: 'staffAddConcernNote',
    tag: 'concern inbox',
    summary: 'An internal note on a report (never shown to the reporter); idempotent per key. Audited without its text.',
    body: ConcernNoteBody,
    response: ConcernNote,
    responses: { 201: 'Added', 404: 'concern-not-found', 422: 'validation-failed / idempotency-key-reused' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/concerns/{id}/forward',
    operationId: 'staffForwardConcern',
    tag: 'concern inbox',
    summary: "Forward a claimed report to another receiver on the municipality's sociale kaart; the status page then names it.",
    body: ForwardBody,
    response: z.object({ id: z.string(), receiver: z.string(), organisation: z.string() }).meta({ id: 'ConcernForwarded' }),
    responses: {
      200: 'Forwarded (or already there)',
      404: 'concern-not-found',
      409: 'concern-not-claimed / concern-changed',
      422: 'validation-failed / unknown-service',
    },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/concerns/{id}/zgw-retry',
    operationId: 'staffRetryConcernZgw',
    tag: 'concern inbox',
    summary: "Try a failed registration in the receiver's case system again now (the outbox's own retries go on regardless).",
    response: z.object({ id: z.string(), zgw: z.literal('wachten') }).meta({ id: 'ConcernZgwRetry' }),
    responses: { 200: 'Waiting for the next attempt', 404: 'concern-not-found', 409: 'zgw-not-retryable' },
  }),
];
