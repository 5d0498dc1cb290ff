import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import type { RouteDoc } from './route-doc.js';

export const healthDocs: RouteDoc[] = [
  { method: 'get', path: '/healthz', tag: 'operations', summary: 'The process is alive.', responses: { 200: '{status:"ok"}' } },
  {
    method: 'get',
    path: '/readyz',
    tag: 'operations',
    summary: 'Database reachable, trees loaded, not shutting down.',
    responses: { 200: '{status:"ready"}', 503: 'not-ready' },
  },
];

/** `draining` is set by main.ts on shutdown so a load balancer stops sending new requests. */
export function healthRoutes({ store, trees }: Deps, state: { draining: boolean }) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const checks = {
        database: await store.ping().catch(() => false),
        trees: trees.ready,
        accepting: !state.draining,
      };
      const ready = Object.values(checks).every(Boolean);
      return c.json({ status: ready ? 'ready' : 'not-ready', checks }, ready ? 200 : 503);
    });
}
