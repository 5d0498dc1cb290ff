import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { ApiError } from '../http/problem.js';
import type { SessionChange } from '../sessions/session-changes.js';
import type { StaffEnv, StaffKit } from './context.js';
import { sessionAccess } from './session-access.js';

/** Comments this often keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** EventSource reconnects after this long when the stream breaks (a deploy, a node going away). */
const RETRY_MS = 3_000;

/**
 * GET /api/staff/sessions/:id/live – Server-Sent Events: "version" with the session's version now,
 * then again after every committed step from any channel (the resident on the web, a colleague).
 * Only numbers go out: the console reads the state itself, through its token and the audited GET.
 * Cookies only (EventSource sends no headers), hence no session token here; the consent record
 * (sessionAccess) decides, and a stream ends once the member's staff session has ended.
 */
export function liveRoutes(kit: StaffKit) {
  const access = sessionAccess(kit);
  const app = new Hono<StaffEnv>();
  // Authentication and role come from the console's middleware on /api/staff/sessions/*.
  app.get('/api/staff/sessions/:id/live', async (c) => {
    const { p, id } = await access(c);
    const row = await kit.deps.store.sessions.find(id);
    if (!row) throw new ApiError(404, 'session-not-found', 'This session does not exist (any more). Start a new one or resume by code.');
    return streamSSE(c, async (stream) => {
      const waiting: SessionChange[] = [];
      let wake = () => {};
      const off = kit.deps.changes.subscribe(id, (change) => {
        waiting.push(change);
        wake();
      });
      stream.onAbort(() => {
        off();
        wake();
      });
      try {
        await stream.writeSSE({ event: 'version', data: JSON.stringify({ version: row.version }), retry: RETRY_MS });
        while (!stream.aborted) {
          if (!waiting.length) {
            let timer: NodeJS.Timeout | undefined;
            await new Promise<void>((done) => {
              wake = done;
              timer = setTimeout(done, HEARTBEAT_MS);
            });
            clearTimeout(timer);
          }
          if (stream.aborted) break;
          if (!waiting.length) {
            await stream.write(': still here\n\n');
            continue;
          }
          if (!(await kit.repo.session(p.sessionHash))) break; // signed out: no more news for this tab
          const latest = Math.max(...waiting.splice(0).map((w) => w.version));
          await stream.writeSSE({ event: 'version', data: JSON.stringify({ version: latest }) });
        }
      } finally {
        off();
      }
    });
  });
  return app;
}
