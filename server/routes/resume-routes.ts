import { Hono, type Context } from 'hono';
import { ResumeBody } from '../api/schemas.js';
import type { Deps } from '../deps.js';
import { requestedAdvice } from '../http/advice-mode.js';
import { requestedLocale } from '../http/locale.js';
import { originGuard } from '../http/origin-guard.js';
import { rateLimit } from '../http/rate-limit.js';
import { jsonBody } from '../http/validate.js';
import type { SessionLoader } from '../sessions/load-session.js';
import { resumeService } from '../sessions/resume-service.js';
import type { RouteDoc } from './route-doc.js';
import { ADVICE, LANG } from './query-params.js';
import { Created } from '../api/response-schemas.js';

export const resumeDocs: RouteDoc[] = [
  {
    method: 'post',
    path: '/api/resume',
    operationId: 'resume',
    response: Created,
    tag: 'sessions',
    summary: 'Resume code → a new session handle (another device; staff after consent). Rate limited.',
    body: ResumeBody,
    query: [LANG, ADVICE],
    responses: {
      200: 'CreatedSession with a new token',
      404: 'resume-code-unknown',
      410: 'resume-code-expired / session-expired',
      422: 'invalid-code',
      429: 'rate-limited',
    },
  },
];

export function resumeRoutes(deps: Deps, loader: SessionLoader, clientOf: (c: Context) => string) {
  const resume = resumeService(deps, loader);
  // Every attempt counts, right or wrong: the limit is what makes a 40-bit code unguessable.
  return new Hono().post('/api/resume', rateLimit('resume', deps.config.rateLimits.resume, deps.clock, clientOf), async (c) => {
    const { code } = await jsonBody(c, ResumeBody);
    return c.json(await resume(code, originGuard(c, deps.config.corsOrigins), requestedLocale(c), requestedAdvice(c)));
  });
}
