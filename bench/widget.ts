// Widget benchmarks: bundle size next to SurveyJS, and time from navigation to the first question
// in headless Chromium next to a static HTML page that shows the same question – on localhost and on
// a throttled connection, first and repeat visit – with the bytes sent and the layout shift. Same
// run, same machine.
import { serve } from '@hono/node-server';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import { buildWidget } from '../scripts/build-widget.js';
import { startServer } from '../test/e2e-server.js';
import { median, type Row } from './stats.js';

// BENCH_WIDGET_RUNS: fewer runs for a quick look; the table's figures are medians of 15.
const RUNS = Number(process.env.BENCH_WIDGET_RUNS) || 15;
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

// The same first question, as plain HTML: the fastest a page could show it.
const STATIC = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hulp en advies</title><style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:auto;padding:1rem}</style></head>
<body><main><h1>Hulp en advies</h1><form><fieldset><legend><h2>Wat wil je doen?</h2></legend>
<div><input type="radio" id="a" name="q" value="oplossing"><label for="a">Ik zoek een oplossing</label></div>
<div><input type="radio" id="b" name="q" value="helpen"><label for="b">Ik wil helpen</label></div></fieldset>
<button>Volgende</button></form></main></body></html>`;

// Injected before any page script: when an h2 with the question first exists – anywhere (the
// server-rendered first paint counts: a resident can read and answer it) and inside a shadow root
// (the widget's own, after its script ran and the session started) – and the layout shifts so far.
const PROBE = `(() => {
  const QUESTION = 'Wat wil je doen?';
  const has = (root) => [...root.querySelectorAll('h2')].some((h) => h.textContent.trim() === QUESTION);
  const shadow = (root) => [...root.querySelectorAll('*')].some((el) => el.shadowRoot && (has(el.shadowRoot) || shadow(el.shadowRoot)));
  window.__cls = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const tick = () => {
    if (document.documentElement) {
      if (window.__firstQuestion === undefined && has(document)) window.__firstQuestion = performance.now();
      if (window.__widgetQuestion === undefined && shadow(document)) window.__widgetQuestion = performance.now();
    }
    if (window.__firstQuestion === undefined || (window.__widgetQuestion === undefined && !window.__static)) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** What one visit cost: ms to the first question (and to the widget's own), bytes over the wire, CLS. */
interface Visit {
  question: number;
  widget: number | undefined;
  bytes: number;
  scriptBytes: number;
  cls: number;
}

/** 400 kbit/s both ways and 400 ms latency: a weak mobile connection (issue 20). */
const THROTTLED = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

/**
 * One navigation in `context` (a fresh one is a first visit with a cold cache; the second
 * navigation in the same context is a repeat visit). Bytes are what the network delivered,
 * headers included (CDP's encodedDataLength): files served from the cache count 0.
 */
async function visit(context: BrowserContext, url: string, isStatic: boolean, throttled: boolean): Promise<Visit> {
  const page = await context.newPage();
  await page.addInitScript(isStatic ? `window.__static = true; ${PROBE}` : PROBE);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) await cdp.send('Network.emulateNetworkConditions', THROTTLED);
  const scripts = new Set<string>();
  let bytes = 0;
  let scriptBytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
    if (scripts.has(e.requestId)) scriptBytes += e.encodedDataLength;
  });
  await page.goto(url);
  type Marks = { __firstQuestion?: number; __widgetQuestion?: number; __cls: number };
  await page.waitForFunction(
    (s) => {
      const w = window as unknown as Marks;
      return w.__firstQuestion !== undefined && (s || w.__widgetQuestion !== undefined);
    },
    isStatic,
    { timeout: 30_000 },
  );
  // Two frames more, so that the shift of the last render has been reported.
  const marks = await page.evaluate(() =>
    new Promise<Marks>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(window as unknown as Marks)))).then((w) => ({
      __firstQuestion: w.__firstQuestion,
      __widgetQuestion: w.__widgetQuestion,
      __cls: w.__cls,
    })),
  );
  await page.close();
  return { question: marks.__firstQuestion!, widget: marks.__widgetQuestion, bytes, scriptBytes, cls: marks.__cls };
}

/** A first and a repeat visit, each in a new context (new cache) per run. */
async function visits(browser: Browser, url: string, isStatic: boolean, throttled: boolean, runs: number) {
  const first: Visit[] = [];
  const repeat: Visit[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1600 } });
    first.push(await visit(context, url, isStatic, throttled));
    repeat.push(await visit(context, url, isStatic, throttled));
    await context.close();
  }
  return { first, repeat };
}

const med = (vs: Visit[], f: (v: Visit) => number) => median(vs.map(f));

// survey-js-ui (SurveyJS's plain-JS renderer) has no release for survey-core 3 yet, and the 2.x
// pair cannot be installed beside the survey-core 3 the engine bench uses. So the matching pair is
// fetched with `npm pack` (npm registry) into node_modules/.cache and measured as shipped files.
const SURVEY_PAIR = '2.5.38';

async function surveyJsPair(): Promise<number | null> {
  const dir = join('node_modules', '.cache', 'vraagwijzer-bench', `surveyjs-${SURVEY_PAIR}`);
  const files: [string, string][] = [
    ['survey-core', 'package/survey.core.min.js'],
    ['survey-core', 'package/survey-core.min.css'],
    ['survey-js-ui', 'package/survey-js-ui.min.js'],
  ];
  try {
    await mkdir(dir, { recursive: true });
    let total = 0;
    for (const [pkg, file] of files) {
      const tgz = join(dir, `${pkg}-${SURVEY_PAIR}.tgz`);
      if (!existsSync(tgz))
        execFileSync('npm', ['pack', `${pkg}@${SURVEY_PAIR}`, '--silent', '--pack-destination', dir], { stdio: 'ignore' });
      total += gz(execFileSync('tar', ['-xzOf', tgz, file], { maxBuffer: 64 * 1024 * 1024 }));
    }
    return total;
  } catch (err) {
    process.stderr.write(`survey-core + survey-js-ui ${SURVEY_PAIR} could not be fetched (${(err as Error).message}); row left out.\n`);
    return null;
  }
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const { gzip } = await buildWidget();
  // survey-core's exports map hides package.json; its main entry sits in the package root.
  const surveyDir = dirname(createRequire(import.meta.url).resolve('survey-core'));
  const surveyJs = gz(await readFile(join(surveyDir, 'survey.core.min.js')));
  const surveyCss = gz(await readFile(join(surveyDir, 'survey-core.min.css')));
  // survey-core 3 alone (installed, the engine bench's version): a lower bound for a SurveyJS form.
  rows.push({
    name: 'widget bundle (JS incl. CSS), gzip',
    value: gzip / 1024,
    unit: 'KB',
    better: 'lower',
    baseline: { name: 'survey-core 3 min JS only', value: surveyJs / 1024 },
    target: '≤ 35 KB',
    pass: gzip <= 35 * 1024,
  });
  const pair = await surveyJsPair();
  if (pair) {
    rows.push({
      name: 'widget bundle vs a complete SurveyJS form runtime, gzip',
      value: gzip / 1024,
      unit: 'KB',
      better: 'lower',
      baseline: { name: `survey-core + survey-js-ui ${SURVEY_PAIR} (JS + CSS)`, value: pair / 1024 },
      target: '≤ 35 KB',
      pass: gzip <= 35 * 1024,
    });
  }
  rows.push({
    name: 'widget bundle vs survey-core JS + CSS, gzip',
    value: gzip / 1024,
    unit: 'KB',
    better: 'lower',
    baseline: { name: 'survey-core min JS + default CSS', value: (surveyJs + surveyCss) / 1024 },
  });

  const server = await startServer();
  const staticSrv = await new Promise<ReturnType<typeof serve>>((done) => {
    const s = serve(
      { fetch: () => new Response(STATIC, { headers: { 'content-type': 'text/html; charset=utf-8' } }), port: 0, hostname: '127.0.0.1' },
      () => done(s),
    );
  });
  const staticUrl = `http://127.0.0.1:${(staticSrv.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    // The demo page with the demo tree: its first question server-rendered, then the widget.
    const widgetUrl = `${server.url}/?tree=demo/start`;
    await visits(browser, widgetUrl, false, false, 1); // warm the server's tree cache and Chromium itself
    await visits(browser, staticUrl, true, false, 1);
    const where = `headless Chromium (${server.kind} server, median of ${RUNS})`;
    for (const throttled of [false, true]) {
      const widget = await visits(browser, widgetUrl, false, throttled, RUNS);
      const plain = await visits(browser, staticUrl, true, throttled, RUNS);
      const net = throttled ? '400 kbit/s, 400 ms latency' : 'localhost';
      for (const [kind, w, p] of [
        ['first visit', widget.first, plain.first],
        ['repeat visit', widget.repeat, plain.repeat],
      ] as const) {
        const question = med(w, (v) => v.question);
        const staticMs = med(p, (v) => v.question);
        const target = throttled ? (kind === 'first visit' ? 1500 : 800) : undefined;
        rows.push({
          name: `navigation → first question visible (server-rendered), ${kind}, ${net}, ${where}`,
          value: question,
          unit: 'ms',
          better: 'lower',
          baseline: { name: 'static HTML page with the same question', value: staticMs },
          ...(target
            ? { target: `≤ ${target} ms`, pass: question <= target }
            : { target: '≤ 1.5× static', pass: question <= 1.5 * staticMs }),
        });
        rows.push({
          name: `navigation → the widget's own question (script run, session started), ${kind}, ${net}`,
          value: med(w, (v) => v.widget!),
          unit: 'ms',
          better: 'lower',
          baseline: { name: 'static HTML page with the same question', value: staticMs },
        });
        if (!throttled) {
          const scriptKb = med(w, (v) => v.scriptBytes) / 1024;
          rows.push({
            name: `bytes transferred, ${kind} (script ${scriptKb.toFixed(1)} KB of it)`,
            value: med(w, (v) => v.bytes) / 1024,
            unit: 'KB',
            better: 'lower',
            baseline: { name: 'static HTML page', value: med(p, (v) => v.bytes) / 1024 },
            ...(kind === 'repeat visit' ? { target: '≤ 2 KB of script', pass: scriptKb <= 2 } : {}),
          });
          // A layout measure, not a time: the largest sum of shifts of any visit.
          const cls = Math.max(...w.map((v) => v.cls));
          rows.push({
            name: `cumulative layout shift while the widget takes over, ${kind} (largest of ${RUNS})`,
            value: cls,
            unit: '',
            better: 'lower',
            target: '< 0.02',
            pass: cls < 0.02,
          });
        }
      }
    }
  } finally {
    await browser.close();
    await new Promise<void>((r) => staticSrv.close(() => r()));
    await server.close();
  }
  return rows;
}
