import { Hono } from 'hono';
import { Alive, Ready } from '../api/response-schemas.js';
import type { Deps } from '../deps.js';
import type { RouteDoc } from './route-doc.js';

export const healthDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'alive',
    tag: 'operations',
    summary: 'The process is alive.',
    response: Alive,
    responses: { 200: 'Alive' },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'ready',
    response: Ready,
    tag: 'operations',
    summary: 'Database reachable, trees loaded, not shutting down; lists the trees the last reload refused.',
    responses: { 200: 'Ready (checks, and the trees the last reload refused)', 503: 'not-ready (the same body)' },
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
      // A refused tree does not make the server unready: the rest serves, and so does its previous
      // version if it had one. Operators see here which file to fix (the messages are in the log).
      const refused = trees.refused().map((r) => ({
        tree: r.tree,
        serving: trees.head(r.tree)?.version ?? null,
        problems: r.problems.map((p) => ({ code: p.code, where: p.where, pointer: p.pointer })),
      }));
      return c.json({ status: ready ? 'ready' : 'not-ready', checks, refused }, ready ? 200 : 503);
    });
}
