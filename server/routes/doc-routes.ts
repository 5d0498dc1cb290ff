import { Hono } from 'hono';
import { docsPage } from '../api/docs-page.js';
import { openApiDocument } from '../api/openapi.js';
import type { RouteDoc } from './route-doc.js';

export function docRoutes(routes: RouteDoc[], version: string) {
  const doc = openApiDocument(routes, version) as Parameters<typeof docsPage>[0];
  const html = docsPage(doc);
  return new Hono().get('/api/openapi.json', (c) => c.json(doc)).get('/api/docs', (c) => c.html(html));
}
