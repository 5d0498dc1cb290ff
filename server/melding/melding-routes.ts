import { Hono, type Context } from 'hono';
import type { MeldingStatus } from '../api/melding-contract.js';
import { MeldingPdf, MeldingPreviewView, MeldingReceiptView, MeldingStatusView } from '../api/melding-response-schemas.js';
import type { Deps } from '../deps.js';
import { requestedLocale } from '../http/locale.js';
import { originGuard } from '../http/origin-guard.js';
import { ApiError } from '../http/problem.js';
import { rateLimit } from '../http/rate-limit.js';
import { jsonBody } from '../http/validate.js';
import { hashSecret } from '../ids.js';
import type { RouteDoc } from '../routes/route-doc.js';
import { LANG } from '../routes/query-params.js';
import type { SessionLoader } from '../sessions/load-session.js';
import { MeldingBody } from './melding-body.js';
import { kick, meldingModule, type MeldingModule } from './melding-module.js';
import { meldingPdf } from './melding-pdf.js';
import type { MeldingenTable } from './melding-repo.js';

export const meldingDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/sessions/{id}/melding',
    operationId: 'getMeldingPreview',
    tag: 'meldingen',
    auth: true,
    query: [LANG],
    summary:
      'The check-answers page of a Wmo melding: whether the plan offers one, for whom (when the profile knows), the answers as the municipality will read them, the consent text and the next steps.',
    response: MeldingPreviewView,
    responses: { 200: 'MeldingPreview', 401: 'token-missing / token-invalid', 404: 'session-not-found' },
  },
  {
    method: 'post',
    path: '/api/meldingen',
    operationId: 'makeMelding',
    tag: 'meldingen',
    auth: true,
    summary:
      "Make the Wmo melding of a session (send that session's bearer token). Committed before 201; idempotent; one per session. Registered as a zaak where the municipality's case system is configured, else in the staff inbox.",
    body: MeldingBody,
    response: MeldingReceiptView,
    responses: {
      201: 'MeldingReceipt: reference, statusToken, forWhom, delivery',
      401: 'token-missing / token-invalid',
      404: 'melding-not-offered (the municipality takes no meldingen here)',
      409: 'melding-already-made',
      422: 'validation-failed / melding-not-in-plan / for-whom-differs',
      429: 'rate-limited',
    },
  },
  {
    method: 'get',
    path: '/api/meldingen/status/{token}',
    operationId: 'getMeldingStatus',
    tag: 'meldingen',
    summary: "A melding's status: received, picked up, closed, and the zaak's identificatie once the case system has it.",
    response: MeldingStatusView,
    responses: { 200: 'MeldingStatus', 404: 'melding-not-found' },
  },
  {
    method: 'get',
    path: '/api/meldingen/status/{token}/pdf',
    operationId: 'getMeldingPdf',
    tag: 'meldingen',
    summary: 'The melding as a PDF to keep: answers, advice, consent, channel and date.',
    response: MeldingPdf,
    media: 'application/pdf',
    responses: { 200: 'application/pdf', 404: 'melding-not-found' },
  },
];

export function meldingRoutes(deps: Deps, loader: SessionLoader, clientOf: (c: Context) => string) {
  const module = meldingModule(deps);
  const guard = (c: Context) => originGuard(c, deps.config.corsOrigins);
  const byToken = async (token: string) => {
    const found = /^[A-Za-z0-9_-]{20,200}$/.test(token) ? await module.repo.byTokenHash(hashSecret(token)) : undefined;
    if (!found)
      throw new ApiError(404, 'melding-not-found', 'No melding has this status token. Use the link you got when you made the melding.');
    return found;
  };
  return new Hono()
    .get('/api/sessions/:id/melding', async (c) => {
      const loaded = await loader.load(c.req.param('id'), c.req.header('authorization'), guard(c));
      return c.json(await module.service.preview(loaded, requestedLocale(c) ?? loaded.row.locale));
    })
    .post('/api/meldingen', rateLimit('melding', deps.config.rateLimits.concerns, deps.clock, clientOf), async (c) => {
      const body = await jsonBody(c, MeldingBody);
      const loaded = await loader.load(body.sessionId, c.req.header('authorization'), guard(c));
      const { sessionId: _, ...fields } = body;
      const { status, body: receipt } = await module.service.create(loaded, fields, { channel: 'web' });
      await deps.db.durable();
      kick(module, deps);
      return c.json(receipt, status as 201);
    })
    .get('/api/meldingen/status/:token', async (c) => c.json(await meldingStatus(module, await byToken(c.req.param('token')))))
    .get('/api/meldingen/status/:token/pdf', async (c) => pdfResponse(module, await byToken(c.req.param('token'))));
}

export async function meldingStatus(module: MeldingModule, m: MeldingenTable): Promise<MeldingStatus> {
  const reg = await module.repo.registration(m.id);
  return {
    reference: m.reference,
    status: m.status,
    forWhom: m.for_whom,
    channel: m.channel,
    createdAt: m.created_at,
    delivery: reg ? 'zaaksysteem' : 'inbox',
    zaakIdentificatie: reg?.status === 'geregistreerd' ? reg.zaak_identificatie : null,
  };
}

export async function pdfResponse(module: MeldingModule, m: MeldingenTable): Promise<Response> {
  const bytes = await meldingPdf(m, module.texts.get(m.gemeente)?.documentTitel ?? 'Wmo-melding');
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="melding-${m.reference}.pdf"`,
      'cache-control': 'no-store',
    },
  });
}
