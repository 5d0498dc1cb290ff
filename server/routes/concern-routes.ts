import { Hono, type Context } from 'hono';
import { ConcernBody } from '../api/schemas.js';
import { concernService } from '../concerns/concern-service.js';
import { kick, meldingModule } from '../melding/melding-module.js';
import type { Deps } from '../deps.js';
import { originGuard } from '../http/origin-guard.js';
import { rateLimit } from '../http/rate-limit.js';
import { jsonBody } from '../http/validate.js';
import type { SessionLoader } from '../sessions/load-session.js';
import type { RouteDoc } from './route-doc.js';
import { Receipt, Status } from '../api/response-schemas.js';

export const concernDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/concerns',
    operationId: 'reportConcern',
    response: Receipt,
    tag: 'concerns',
    summary: "Report a concern (signalering). Committed before 201; idempotent. With sessionId, send that session's bearer token.",
    body: ConcernBody,
    responses: {
      201: 'ConcernReceipt: reference, statusToken, receiver',
      401: 'token-missing / token-invalid',
      422: 'validation-failed',
      429: 'rate-limited',
    },
  },
  {
    method: 'get',
    path: '/api/concerns/status/{token}',
    operationId: 'getConcernStatus',
    response: Status,
    tag: 'concerns',
    summary:
      "Status of a report: received / picked up by … / closed with feedback, and the zaak's identificatie once the receiver's case system has it. Never the report itself.",
    responses: { 200: 'ConcernStatus', 404: 'concern-not-found' },
  },
];

export function concernRoutes(deps: Deps, loader: SessionLoader, clientOf: (c: Context) => string) {
  const concerns = concernService(deps, loader);
  return new Hono()
    .post('/api/concerns', rateLimit('concern', deps.config.rateLimits.concerns, deps.clock, clientOf), async (c) => {
      const body = await jsonBody(c, ConcernBody);
      const { status, body: receipt } = await concerns.create(body, c.req.header('authorization'), originGuard(c, deps.config.corsOrigins));
      // A report whose receiver has a case system goes there now (the timer in main.ts catches what this misses).
      if (Object.keys(deps.config.zgw.concerns).length) kick(meldingModule(deps), deps);
      return c.json(receipt, status as 201);
    })
    .get('/api/concerns/status/:token', async (c) => c.json(await concerns.status(c.req.param('token'))));
}
