import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { ApiError } from '../http/problem.js';
import { pageResponse, staticAssets, type CachePolicy } from '../http/static-asset.js';
import { firstPaint, withFirstPaint } from '../nojs/first-paint.js';
import { h } from '../nojs/html.js';

// Names are checked before they touch the file system: no "..", no slashes, no surprises.
const NAME = /^[a-z0-9][a-z0-9-]*$/;
const ASSET = /^[a-z0-9][a-zA-Z0-9._-]*\.(js|map|css|json)$/;
// esbuild's content hash: eight characters of A–Z and 0–9 (scripts/lib/publish-bundle.ts).
const HASHED = /-[A-Z0-9]{8}\.(js|css)(\.map)?$/;
const ENTRY = 'vraag-wijzer.js';
const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json',
  css: 'text/css; charset=utf-8',
  json: 'application/json',
};

/**
 * The demo pages (server/static/*.html at / and /demo/<name>) and the widget bundle. A page names a
 * municipality's contact number as `{{<gemeente>.kcc}}`, filled from its served gemeente.json, so the
 * number lives in one place; without one the page says "de gemeente".
 */
export function pageRoutes({ config, trees }: Deps) {
  const assets = staticAssets();
  /**
   * Pages load the hashed bundle directly (one request less than through the stable entry) and
   * preload the chunks it imports, so they arrive beside it instead of after it.
   */
  const bundle = async () => {
    const text = await readFile(join(config.widgetDir, 'vraag-wijzer.manifest.json'), 'utf8').catch(() => undefined);
    const manifest = text ? (JSON.parse(text) as { imports?: string[] } & Record<string, unknown>) : {};
    const hashed = manifest[ENTRY];
    const imports = (manifest.imports ?? []).filter((f) => HASHED.test(f)).map((f) => `/widget/${f}`);
    return { url: `/widget/${typeof hashed === 'string' && HASHED.test(hashed) ? hashed : ENTRY}`, imports };
  };
  const preloads = (urls: string[], origin = '') => urls.map((u) => `<link rel="modulepreload" href="${origin}${u}">`).join('\n');
  const page = async (name: string) => {
    if (!NAME.test(name)) return undefined;
    const html = await readFile(join(config.staticDir, `${name}.html`), 'utf8').catch(() => undefined);
    if (html === undefined) return undefined;
    const { url, imports } = await bundle();
    return html
      .replace(`<script type="module" src="/widget/${ENTRY}"`, `${preloads(imports)}\n<script type="module" src="/widget/${ENTRY}"`)
      .replaceAll(`/widget/${ENTRY}`, url)
      .replace(/\{\{([a-z0-9-]+)\.kcc\}\}/g, (_, gemeente: string) => escapeHtml(trees.config(gemeente)?.kcc.phone ?? 'de gemeente'));
  };
  const policyOf = (file: string): CachePolicy => (HASHED.test(file) ? 'immutable' : file === ENTRY ? 'short' : 'revalidate');
  return new Hono()
    .get('/', async (c) => {
      const html = await page('index');
      if (html === undefined) throw new ApiError(404, 'page-not-found', `No demo page: ${config.staticDir}/index.html is missing.`);
      return pageResponse(c, withFirstPaint(trees, html, c.req.query()));
    })
    .get('/demo/:name', async (c) => {
      const html = await page(c.req.param('name'));
      if (html === undefined) throw new ApiError(404, 'page-not-found', `No demo page "${c.req.param('name')}" in ${config.staticDir}.`);
      return pageResponse(c, withFirstPaint(trees, html, c.req.query()));
    })
    .get('/embed/:file', async (c) => {
      // What a municipal CMS pastes: the stable entry script (it follows releases by itself) and
      // the element with its first question as plain HTML, which works before – and without – it.
      const gemeente = /^([a-z0-9-]+)\.html$/.exec(c.req.param('file'))?.[1];
      const origin = new URL(c.req.url).origin;
      const tree = `${gemeente}/start`;
      const paint = gemeente && firstPaint(trees, tree, 'nl', origin);
      if (!paint)
        throw new ApiError(404, 'page-not-found', `No embed snippet "${c.req.param('file')}": there is no published tree ${tree}.`);
      // The stable entry leads to the hashed bundle and its chunks: preloaded, they load in parallel.
      const { url, imports } = await bundle();
      return pageResponse(
        c,
        `${preloads([url, ...imports], origin)}\n` +
          h`<script type="module" src="${origin}/widget/${ENTRY}"></script>
<vraag-wijzer tree="${tree}" lang="nl" api="${origin}">${paint}</vraag-wijzer>
`.toString(),
      );
    })
    .get('/widget/:file', async (c) => {
      const file = c.req.param('file');
      // Municipal sites embed the bundle from here: a module script from another origin is a
      // CORS request, and COEP-isolated pages also need CORP. The bundle is public and has no
      // credentials, so any origin may load it; the API keeps its own allow-list.
      c.header('access-control-allow-origin', '*');
      c.header('cross-origin-resource-policy', 'cross-origin');
      const type = TYPES[file.split('.').pop()!];
      const res = ASSET.test(file) && type ? await assets(c, join(config.widgetDir, file), type, policyOf(file)) : undefined;
      if (!res)
        throw new ApiError(
          404,
          'widget-not-built',
          `${file} is not in ${config.widgetDir}. Run "npm run build" (scripts/build-widget.ts) first.`,
        );
      return res;
    });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
