import { Hono } from 'hono';
import { docsPage } from '../api/docs-page.js';
import { openApiDocument } from '../api/openapi.js';
import type { RouteDoc } from './route-doc.js';

/** The served routes, as "GET /api/sessions/{id}": what the document may describe. */
export function servedRoutes(app: Hono): Set<string> {
  return new Set(app.routes.map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`));
}

/**
 * Built on the first request, not when mounted: the staff routes are added to the app after
 * createApp (mountStaff), and the document describes exactly the routes the app then serves.
 */
export function docRoutes(app: Hono, routes: RouteDoc[], version: string) {
  let built: { doc: object; html: string } | undefined;
  const build = () => {
    if (built) return built;
    const served = servedRoutes(app);
    const doc = openApiDocument(
      routes.filter((r) => served.has(`${r.method} ${r.path}`)),
      version,
    ) as Parameters<typeof docsPage>[0];
    return (built = { doc, html: docsPage(doc) });
  };
  return new Hono().get('/api/openapi.json', (c) => c.json(build().doc)).get('/api/docs', (c) => c.html(build().html));
}
