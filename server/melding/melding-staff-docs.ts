// The staff melding routes in the OpenAPI document (server/api/route-docs.ts gathers them): the
// melding made on behalf of a caller, and the meldingen inbox of a municipality without a case system.
import { z } from 'zod';
import {
  MeldingCsv,
  MeldingPdf,
  MeldingPreviewView,
  MeldingReceiptView,
  StaffMeldingDetail,
  StaffMeldingPage,
} from '../api/melding-response-schemas.js';
import { queryOf, type RouteDoc } from '../routes/route-doc.js';
import { ACCESS, sessionDoc, staffDoc } from '../staff/staff-docs.js';
import { StaffMeldingBody } from './melding-body.js';
import { CloseBody, Filter } from './melding-staff-routes.js';

const NOT_FOUND = { 404: 'melding-not-found' };

export const meldingStaffDocs: RouteDoc[] = [
  sessionDoc({
    method: 'get',
    path: '/api/staff/sessions/{id}/melding',
    operationId: 'staffMeldingPreview',
    tag: 'meldingen',
    summary: "The check-answers page of a Wmo melding for an opened session, in the caller's language.",
    response: MeldingPreviewView,
    responses: { 200: 'MeldingPreview', ...ACCESS },
  }),
  sessionDoc({
    method: 'post',
    path: '/api/staff/sessions/{id}/melding',
    operationId: 'staffMakeMelding',
    tag: 'meldingen',
    summary: 'Make the Wmo melding on behalf of the caller; recorded with the channel and the medewerker. Idempotent; one per session.',
    body: StaffMeldingBody,
    response: MeldingReceiptView,
    responses: {
      201: 'MeldingReceipt',
      ...ACCESS,
      404: 'session-not-found / melding-not-offered',
      409: 'melding-already-made',
      422: 'validation-failed / melding-not-in-plan / for-whom-differs / idempotency-key-reused',
    },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/meldingen',
    operationId: 'staffListMeldingen',
    tag: 'meldingen',
    summary: 'The meldingen inbox, oldest first, with the state of each case-system registration. Audited.',
    query: queryOf(Filter),
    response: StaffMeldingPage,
    responses: { 200: 'The meldingen', 422: 'validation-failed (a query parameter)' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/meldingen/export',
    operationId: 'staffExportMeldingen',
    tag: 'meldingen',
    summary: "The meldingen as CSV for the municipality's own systems (a leading = + - @ is quoted as text). Audited.",
    query: queryOf(Filter),
    response: MeldingCsv,
    media: 'text/csv',
    responses: { 200: 'meldingen.csv', 422: 'validation-failed (a query parameter)' },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/meldingen/{id}',
    operationId: 'staffGetMelding',
    tag: 'meldingen',
    summary: 'One melding in full: person, contact, consent, the answers and the case-system registration. Audited.',
    response: StaffMeldingDetail,
    responses: { 200: 'The melding', ...NOT_FOUND },
  }),
  staffDoc({
    method: 'get',
    path: '/api/staff/meldingen/{id}/pdf',
    operationId: 'staffMeldingPdf',
    tag: 'meldingen',
    summary: 'The melding as a PDF. Audited.',
    response: MeldingPdf,
    media: 'application/pdf',
    responses: { 200: 'application/pdf', ...NOT_FOUND },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/meldingen/{id}/claim',
    operationId: 'staffClaimMelding',
    tag: 'meldingen',
    summary: 'Pick a melding up; exactly one staff member wins.',
    response: z.object({ id: z.string(), status: z.literal('opgepakt'), claimedBy: z.string() }),
    responses: { 200: 'Claimed', ...NOT_FOUND, 409: 'melding-already-claimed' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/meldingen/{id}/close',
    operationId: 'staffCloseMelding',
    tag: 'meldingen',
    summary: 'Close a melding you picked up, with a note for staff.',
    body: CloseBody,
    response: z.object({ id: z.string(), status: z.literal('afgerond') }),
    responses: { 200: 'Closed', ...NOT_FOUND, 409: 'melding-not-yours / melding-moved', 422: 'validation-failed' },
  }),
  staffDoc({
    method: 'post',
    path: '/api/staff/meldingen/{id}/zgw-retry',
    operationId: 'staffRetryMeldingZgw',
    tag: 'meldingen',
    summary: "Try a failed case-system registration again now (the outbox's own retries go on regardless).",
    response: z.object({ id: z.string(), zgw: z.literal('wachten') }),
    responses: { 200: 'Waiting for the next attempt', ...NOT_FOUND, 409: 'zgw-not-retryable' },
  }),
];
