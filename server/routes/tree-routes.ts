import { Hono } from 'hono';
import { localize } from '../../engine/index.js';
import type { TreeDetail, TreeSummary } from '../api/contract.js';
import type { Deps } from '../deps.js';
import { requestedLocale } from '../http/locale.js';
import { ApiError } from '../http/problem.js';
import { gemeenteView } from '../tree-store/gemeente-view.js';
import type { ServedTree } from '../tree-store/served-tree.js';
import type { RouteDoc } from './route-doc.js';
import { Detail, Gemeente, Trees } from '../api/response-schemas.js';

export const treeDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/trees',
    operationId: 'listTrees',
    response: Trees,
    tag: 'trees',
    summary: 'The trees new sessions can start on (published versions).',
    responses: { 200: 'TreeSummary[]' },
  },
  {
    method: 'get',
    path: '/api/trees/{gemeente}/{id}',
    operationId: 'getTree',
    response: Detail,
    tag: 'trees',
    summary: 'One tree as published, with the sub-flows it uses.',
    responses: { 200: 'TreeDetail', 404: 'tree-not-found' },
  },
  {
    method: 'get',
    path: '/api/gemeenten/{gemeente}',
    operationId: 'getGemeente',
    response: Gemeente,
    tag: 'trees',
    summary: "The municipality's names, numbers, help bar and theme (its gemeente.json, as served with its trees).",
    responses: { 200: 'GemeenteView', 404: 'gemeente-not-found / gemeente-config-missing' },
  },
];

export function treeRoutes({ trees }: Deps) {
  const summary = (t: ServedTree, locale: string): TreeSummary => ({
    id: t.id,
    gemeente: t.gemeente,
    version: t.version,
    door: t.root.door,
    title: localize(t.root.title, locale)!,
    status: t.root.status,
  });
  return new Hono()
    .get('/api/trees', (c) => {
      const locale = requestedLocale(c) ?? 'nl';
      return c.json(trees.list().map((t) => summary(t, locale)));
    })
    .get('/api/trees/:gemeente/:id', (c) => {
      const id = `${c.req.param('gemeente')}/${c.req.param('id')}`;
      const t = trees.head(id);
      if (!t) throw new ApiError(404, 'tree-not-found', `No published tree "${id}". GET /api/trees lists them.`);
      const detail: TreeDetail = { ...summary(t, requestedLocale(c) ?? 'nl'), uses: t.uses, tree: t.source };
      return c.json(detail);
    })
    .get('/api/gemeenten/:gemeente', (c) => {
      const gemeente = c.req.param('gemeente');
      const config = trees.config(gemeente);
      if (config === undefined)
        throw new ApiError(404, 'gemeente-not-found', `No published tree of "${gemeente}". GET /api/trees lists them.`);
      if (config === null)
        throw new ApiError(404, 'gemeente-config-missing', `trees/${gemeente}/ has no gemeente.json; clients use generic words.`);
      // The same for every session of this bundle, and public: the widget may keep it a while.
      c.header('cache-control', 'public, max-age=300');
      return c.json(gemeenteView(config));
    });
}
