// The HTTP contract of server/api/contract.ts on top of the engine, in memory, for the demo bundle
// plus the "proef" tree: the widget's happy-dom tests talk to it through msw (test/widget-helpers.ts),
// and the browser tests and the widget bench fall back to it when the real server cannot start
// (test/e2e-server.ts).
// Not production code: no persistence.
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  answer as engineAnswer,
  back as engineBack,
  compile,
  presentAnswered,
  revise,
  start,
  verifyBundle,
  type CompiledTree,
  type GemeenteConfig,
  type SessionView,
} from '../engine/index.js';
import type { ConcernStatus, SessionState } from '../server/api/contract.js';
import { presentService, presentState } from '../server/sessions/present-state.js';
import { gemeenteView } from '../server/tree-store/gemeente-view.js';
import { readBundle } from '../server/tree-store/read-bundle.js';
import { proefServices, proefTree } from './e2e-proef-tree.js';

// (resolve, not new URL: happy-dom swaps the global URL class in component tests)
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Session {
  id: string;
  token: string;
  code: string;
  tree: string;
  compiled: CompiledTree;
  view: SessionView;
  version: number;
  locale: string;
}

export interface DemoBundle {
  trees: Map<string, CompiledTree>;
  config: GemeenteConfig | null;
}

export async function loadDemo(): Promise<DemoBundle> {
  const { input } = await readBundle(join(ROOT, 'test/fixtures/demo'));
  input.trees.push({ name: 'proef', json: proefTree });
  const services = input.services as { services: unknown[] };
  input.services = { ...services, services: [...services.services, ...proefServices] };
  const bundle = verifyBundle(input);
  const errors = bundle.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`fake-server-bundle: ${errors.map((p) => `${p.where}${p.pointer}: ${p.message}`).join('\n')}`);
  const trees = new Map<string, CompiledTree>();
  for (const [id, graph] of bundle.graphs) trees.set(`demo/${id}`, compile(graph, bundle.services));
  return { trees, config: bundle.config };
}

/** The state as the real server presents it, in the language and shape the query asks for. */
function state(s: Session, query: Query = {}): SessionState {
  const row = { id: s.id, version: s.version, tree: s.tree, treeVersion: s.compiled.treeVersion };
  return presentState(s, s.view, row, query.locale ?? s.locale, query.advice === 'when-done' ? 'when-done' : 'full');
}
type Query = { locale?: string; advice?: string };
const queryOf = (c: Context): Query => ({ locale: c.req.query('locale'), advice: c.req.query('advice') });

const problem = (status: number, code: string, detail: string, extra: object = {}) =>
  new Response(JSON.stringify({ type: `about:blank#${code}`, title: code, status, detail, code, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  });

export function fakeApp({ trees, config }: DemoBundle): Hono {
  const sessions = new Map<string, Session>();
  const replies = new Map<string, SessionState>();
  const concerns = new Map<string, ConcernStatus>();
  const app = new Hono();
  const created = (s: Session, query?: Query) => ({
    id: s.id,
    token: s.token,
    resumeCode: s.code,
    resumeExpiresAt: new Date(Date.now() + 30 * 864e5).toISOString(),
    version: s.version,
    state: state(s, query),
  });
  const auth = (id: string, header: string | undefined) => {
    const s = sessions.get(id);
    return s && header === `Bearer ${s.token}` ? s : undefined;
  };

  app.get('/api/gemeenten/:gemeente', (c) =>
    config && c.req.param('gemeente') === config.gemeente
      ? c.json(gemeenteView(config))
      : problem(404, 'gemeente-not-found', `No gemeente.json for "${c.req.param('gemeente')}".`),
  );
  app.post('/api/sessions', async (c) => {
    const body = await c.req.json<{ tree: string; locale?: string }>();
    const compiled = trees.get(body.tree);
    if (!compiled) return problem(404, 'unknown-tree', `No tree "${body.tree}".`);
    const s: Session = {
      id: randomBytes(8).toString('hex'),
      token: randomBytes(16).toString('hex'),
      code: randomCode(),
      tree: body.tree,
      compiled,
      view: start(compiled),
      version: 1,
      locale: body.locale ?? 'nl',
    };
    sessions.set(s.id, s);
    return c.json(created(s, queryOf(c)), 201);
  });
  app.get('/api/sessions/:id', (c) => {
    const s = auth(c.req.param('id'), c.req.header('authorization'));
    if (!s) return problem(404, 'session-not-found', 'Unknown session.');
    return c.json(state(s, queryOf(c))); // like the real server: one response only
  });
  app.get('/api/sessions/:id/steps', (c) => {
    const s = auth(c.req.param('id'), c.req.header('authorization'));
    if (!s) return problem(404, 'session-not-found', 'Unknown session.');
    const found = presentAnswered(s.compiled, s.view, c.req.query('node') ?? '', c.req.query('locale') ?? s.locale);
    if (!found) return problem(404, 'step-not-answered', 'Not an answered step.');
    return c.json({ ...found, version: s.version });
  });
  const change = (kind: 'answers' | 'back') =>
    app.post(`/api/sessions/:id/${kind}`, async (c) => {
      const s = auth(c.req.param('id'), c.req.header('authorization'));
      if (!s) return problem(404, 'session-not-found', 'Unknown session.');
      const body = await c.req.json<{ node?: string; value?: unknown; version: number; idempotencyKey: string }>();
      const seen = replies.get(`${s.id}:${body.idempotencyKey}`);
      if (seen) return c.json(seen);
      if (body.version !== s.version) return problem(409, 'version-conflict', 'The session changed.', { state: state(s, queryOf(c)) });
      const step = { node: body.node ?? '', value: body.value, at: new Date().toISOString(), channel: 'web' as const };
      const inTrail = s.view.record.log.some((e) => e.node === body.node) && s.view.node.id !== body.node;
      const r =
        kind === 'back'
          ? engineBack(s.compiled, s.view)
          : inTrail
            ? revise(s.compiled, s.view, step)
            : engineAnswer(s.compiled, s.view, step);
      if (!r.ok) return problem(422, r.error.code, r.error.message);
      s.view = r.value;
      s.version++;
      const reply = state(s, queryOf(c));
      replies.set(`${s.id}:${body.idempotencyKey}`, reply);
      return c.json(reply);
    });
  change('answers');
  change('back');
  app.post('/api/sessions/:id/locale', async (c) => {
    const s = auth(c.req.param('id'), c.req.header('authorization'));
    if (!s) return problem(404, 'session-not-found', 'Unknown session.');
    s.locale = (await c.req.json<{ locale: string }>()).locale;
    return c.json(state(s, queryOf(c)));
  });
  app.post('/api/sessions/:id/resume-code', (c) => {
    const s = auth(c.req.param('id'), c.req.header('authorization'));
    if (!s) return problem(404, 'session-not-found', 'Unknown session.');
    s.code = randomCode();
    return c.json({ resumeCode: s.code, resumeExpiresAt: new Date(Date.now() + 7 * 864e5).toISOString() }, 201);
  });
  app.post('/api/resume', async (c) => {
    const { code } = await c.req.json<{ code: string }>();
    const s = [...sessions.values()].find((x) => x.code === code.replace(/[\s-]/g, '').toUpperCase());
    if (!s) return problem(404, 'resume-code-unknown', 'Unknown or expired code.');
    s.token = randomBytes(16).toString('hex');
    return c.json(created(s, queryOf(c)));
  });
  app.post('/api/concerns', async (c) => {
    const body = await c.req.json<{ idempotencyKey: string; sessionId?: string }>();
    // Like the real server: a report that names a session must carry that session's token.
    if (body.sessionId && !auth(body.sessionId, c.req.header('authorization')))
      return problem(401, 'token-missing', 'Send the session token.');
    const statusToken = randomBytes(16).toString('hex');
    const reference = `ZM-${String(concerns.size + 1).padStart(4, '0')}`;
    concerns.set(statusToken, { reference, status: 'ontvangen', updatedAt: new Date().toISOString() });
    const meldpunt = trees.values().next().value!.services.get('meldpunt');
    return c.json({ reference, statusToken, receiver: meldpunt ? presentService(meldpunt, 'nl') : null, _key: body.idempotencyKey }, 201);
  });
  app.get('/api/concerns/status/:t', (c) => {
    const s = concerns.get(c.req.param('t'));
    return s ? c.json(s) : problem(404, 'concern-not-found', 'Unknown status token.');
  });
  // The stable entry and the hashed bundle it points at (scripts/lib/publish-bundle.ts).
  app.get('/widget/:file', async (c) => {
    const file = c.req.param('file');
    if (!/^vraag-wijzer(-[A-Z0-9]+)?\.js$/.test(file)) return c.notFound();
    const js = await readFile(join(ROOT, 'dist/widget', file));
    return c.body(js, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cross-origin-resource-policy': 'cross-origin',
      'access-control-allow-origin': '*',
    });
  });
  // The pages name Haarlem's number as {{haarlem.kcc}} (server/routes/page-routes.ts); the fake serves no Haarlem.
  const page = async (name: string) =>
    new Response((await readFile(join(ROOT, 'server/static', `${name}.html`), 'utf8')).replace(/\{\{[a-z0-9-]+\.kcc\}\}/g, 'de gemeente'), {
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
  app.get('/', () => page('index'));
  app.get('/demo/:name', (c) => (/^[a-z0-9-]+$/.test(c.req.param('name')) ? page(c.req.param('name')) : c.notFound()));
  return app;
}

function randomCode(): string {
  const alphabet = 'ACDEFGHJKLMNPQRTUVWXY345679';
  return Array.from(randomBytes(9), (b) => alphabet[b % alphabet.length]).join('');
}

/** Starts the fake on a free port; `close` stops it. */
export async function startFakeServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = fakeApp(await loadDemo());
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
