import { Hono } from 'hono';
import { ROUTE_DOCS } from './api/route-docs.js';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { Deps } from './deps.js';
import { bodyLimit } from './http/body-limit.js';
import { clientAddress } from './http/client-address.js';
import { cors } from './http/cors.js';
import { refuseNulInUrl } from './http/nul-guard.js';
import { publicOrigin, publicOriginOf } from './http/public-origin.js';
import { requestContext } from './http/request-context.js';
import { allOrigins } from './http/origin-guard.js';
import { ApiError, problemResponse } from './http/problem.js';
import { CLIENT_CLOSED_REQUEST, clientAborted, requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { concernRoutes } from './routes/concern-routes.js';
import { docRoutes } from './routes/doc-routes.js';
import { metrics } from './routes/metrics-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { nojsRoutes } from './nojs/nojs-routes.js';
import { pageRoutes } from './routes/page-routes.js';
import { residentDataRoutes } from './routes/resident-data-routes.js';
import { resumeRoutes } from './routes/resume-routes.js';
import { sessionRoutes } from './routes/session-routes.js';
import { treeRoutes } from './routes/tree-routes.js';
import { sessionService } from './sessions/session-service.js';
import { meldingRoutes } from './melding/melding-routes.js';

export const API_VERSION = '1.0.0';

/** Set by main.ts while shutting down: readyz answers 503 so no new traffic is routed here. */
export interface AppState {
  draining: boolean;
}

/** The whole HTTP surface, built from injected dependencies only: no env, no sockets, no signals. */
export function createApp(deps: Deps, state: AppState = { draining: false }) {
  const { config, logger } = deps;
  const clientOf = clientAddress(config.trustProxy);
  const sessions = sessionService(deps);
  const origins = allOrigins(config.corsOrigins);
  const app = new Hono();

  app.onError((err, c) => {
    if (err instanceof ApiError) return problemResponse(err);
    if (clientAborted(c, err)) {
      // Not a failure of ours, and nobody reads this answer: the request log notes it at info.
      return problemResponse(
        new ApiError(CLIENT_CLOSED_REQUEST, 'client-closed-request', 'The connection closed before the request had arrived.'),
      );
    }
    logger.error(
      { err: { name: (err as Error).name, message: (err as Error).message, stack: (err as Error).stack }, route: c.req.routePath },
      'unhandled error',
    );
    return problemResponse(
      new ApiError(500, 'internal-error', 'Something went wrong on our side; nothing was changed. Try again in a moment.'),
    );
  });
  app.notFound((c) =>
    problemResponse(new ApiError(404, 'not-found', `Nothing at ${c.req.method} ${c.req.path}. The API is described at /api/docs.`)),
  );

  // First: every later middleware and route (the staff ones too) asks originOf(c).
  app.use(publicOrigin(publicOriginOf(config.publicOrigin, config.trustProxy)));
  app.use(securityHeaders());
  if (deps.limits) {
    const limits = deps.limits;
    app.use(async (c, next) => {
      c.set('limits', limits);
      await next();
    });
  }
  app.use(requestLog(logger));
  const measured = metrics(deps, config.metricsToken ?? undefined);
  app.use(measured.middleware);
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(
          new ApiError(405, 'method-not-allowed', `${c.req.method} is not supported here; use ${methods.join(', ')}.`, {
            headers: { allow: methods.join(', ') },
          }),
        ),
    }),
  );
  app.use(
    '/api/*',
    cors(origins, {
      allowMethods: ['GET', 'POST'],
      allowHeaders: ['content-type', 'authorization'],
      exposeHeaders: ['retry-after'],
      maxAgeSeconds: 600,
    }),
  );
  app.use(
    '/api/*',
    bodyLimit(config.bodyLimitBytes, () =>
      problemResponse(
        new ApiError(
          413,
          'body-too-large',
          `The body is larger than ${config.bodyLimitBytes} bytes. Send less: answers and reports are short.`,
        ),
      ),
    ),
  );

  // After CORS and the body limit, so that a browser can read the refusal and a huge body is refused first.
  app.use(refuseNulInUrl());
  // The client address, as configured (TRUST_PROXY), for the audit log of whatever this request does.
  app.use(async (c, next) => {
    const store = requestContext.getStore();
    if (store) store.address = clientOf(c);
    await next();
  });
  app.route('/', healthRoutes(deps, state));
  app.route('/', measured.routes);
  app.route('/', treeRoutes(deps));
  app.route('/', sessionRoutes(deps, sessions, clientOf));
  app.route('/', resumeRoutes(deps, sessions.loader, clientOf));
  app.route('/', concernRoutes(deps, sessions.loader, clientOf));
  app.route('/', meldingRoutes(deps, sessions.loader, clientOf));
  app.route('/', residentDataRoutes(deps, sessions));
  app.route('/', docRoutes(app, ROUTE_DOCS, API_VERSION));
  app.route('/', nojsRoutes(deps, sessions, clientOf));
  app.route('/', pageRoutes(deps));
  return app;
}
