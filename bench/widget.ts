// Widget benchmarks: bundle size next to SurveyJS, and time from navigation to the first question
// in headless Chromium next to a static HTML page that shows the same question. Same run, same machine.
import { serve } from '@hono/node-server';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/support/browser.js';
import { firstAndRepeat, type Load } from './page-load.js';
import { buildWidget } from '../scripts/build-widget.js';
import { startServer } from '../test/e2e-server.js';
import { median, type Row } from './stats.js';

const RUNS = 15;
// A throttled first visit takes seconds: fewer runs keep the bench under a few minutes.
const THROTTLED_RUNS = 9;
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;
const SECURITY_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'permissions-policy',
  'referrer-policy',
  'x-content-type-options',
  'x-frame-options',
];

// The same first question, as plain HTML: the fastest a page could show it.
const STATIC = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hulp en advies</title><style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:auto;padding:1rem}</style></head>
<body><main><h1>Hulp en advies</h1><form><fieldset><legend><h2>Wat wil je doen?</h2></legend>
<div><input type="radio" id="a" name="q" value="oplossing"><label for="a">Ik zoek een oplossing</label></div>
<div><input type="radio" id="b" name="q" value="helpen"><label for="b">Ik wil helpen</label></div></fieldset>
<button>Volgende</button></form></main></body></html>`;

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
  // The same static page once more with the security headers this server sends on its pages: one
  // of them, Cross-Origin-Opener-Policy, makes Chromium open the page in a new browsing context
  // group (another renderer process) – a cost of the header, not of the widget, shown on its own row.
  const served = (await fetch(`${server.url}/?tree=demo/start`)).headers;
  const pageHeaders = Object.fromEntries(SECURITY_HEADERS.flatMap((h) => (served.has(h) ? [[h, served.get(h)!]] : [])));
  const staticSrv = await new Promise<ReturnType<typeof serve>>((done) => {
    const s = serve(
      {
        fetch: (req) =>
          new Response(STATIC, {
            headers: { 'content-type': 'text/html; charset=utf-8', ...(new URL(req.url).pathname === '/headers' ? pageHeaders : {}) },
          }),
        port: 0,
        hostname: '127.0.0.1',
      },
      () => done(s),
    );
  });
  const staticUrl = `http://127.0.0.1:${(staticSrv.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  try {
    const widgetUrl = `${server.url}/?tree=demo/start`;
    const question = 'Wat wil je doen?';
    await firstAndRepeat(browser, widgetUrl, question, false); // warm the server's tree cache and Chromium itself
    await firstAndRepeat(browser, staticUrl, question, false);
    await firstAndRepeat(browser, `${staticUrl}headers`, question, false);
    for (const throttled of [false, true]) {
      const runs = { widget: [] as Load[][], plain: [] as Load[][], headed: [] as Load[][] };
      for (let i = 0; i < (throttled ? THROTTLED_RUNS : RUNS); i++) {
        runs.widget.push(await firstAndRepeat(browser, widgetUrl, question, throttled));
        runs.plain.push(await firstAndRepeat(browser, staticUrl, question, throttled));
        if (!throttled) runs.headed.push(await firstAndRepeat(browser, `${staticUrl}headers`, question, throttled));
      }
      rows.push(...loadRows(runs, throttled, server.kind));
    }
  } finally {
    await browser.close();
    await new Promise<void>((r) => staticSrv.close(() => r()));
    await server.close();
  }
  return rows;
}

/** Issue 20's rows: first question visible against the static page, bytes on the wire, layout shift. */
function loadRows(runs: { widget: Load[][]; plain: Load[][]; headed: Load[][] }, throttled: boolean, kind: string): Row[] {
  const net = throttled ? 'throttled 400 kbit/s + 400 ms' : 'localhost';
  const n = runs.widget.length;
  const of = (loads: Load[][], visit: 0 | 1, pick: (l: Load) => number) => median(loads.map((pair) => pick(pair[visit]!)));
  const rows: Row[] = [];
  for (const [visit, label] of [
    [0, 'first visit'],
    [1, 'repeat visit'],
  ] as const) {
    const ms = of(runs.widget, visit, (l) => l.ms);
    const base = of(runs.plain, visit, (l) => l.ms);
    const limit = throttled ? (visit === 0 ? 1500 : 800) : null;
    rows.push({
      name: `navigation → first question visible, ${net}, ${label} (${kind} server, median of ${n})`,
      value: ms,
      unit: 'ms',
      better: 'lower',
      baseline: { name: 'static HTML page with the same question', value: base },
      target: limit === null ? '≤ 1.5× static' : `≤ ${limit} ms`,
      pass: limit === null ? ms <= 1.5 * base : ms <= limit,
    });
  }
  if (throttled) return rows;
  for (const [visit, label] of [
    [0, 'first visit'],
    [1, 'repeat visit'],
  ] as const)
    rows.push({
      name: `  of which the page's security headers: static page with them, localhost, ${label} (median of ${n})`,
      value: of(runs.headed, visit, (l) => l.ms),
      unit: 'ms',
      better: 'lower',
      baseline: { name: 'the same static page without them', value: of(runs.plain, visit, (l) => l.ms) },
    });
  rows.push(
    {
      name: 'script bytes over the wire, first visit (median)',
      value: of(runs.widget, 0, (l) => l.scriptBytes) / 1024,
      unit: 'KB',
      better: 'lower',
    },
    {
      name: 'script bytes over the wire, repeat visit (median)',
      value: of(runs.widget, 1, (l) => l.scriptBytes) / 1024,
      unit: 'KB',
      better: 'lower',
      target: '≤ 2 KB',
      pass: of(runs.widget, 1, (l) => l.scriptBytes) <= 2048,
    },
    {
      name: 'all bytes over the wire, first → repeat visit (median)',
      value: of(runs.widget, 1, (l) => l.totalBytes) / 1024,
      unit: 'KB',
      better: 'lower',
      baseline: { name: 'first visit', value: of(runs.widget, 0, (l) => l.totalBytes) / 1024 },
    },
  );
  const cls = Math.max(...runs.widget.flat().map((l) => l.cls));
  rows.push({
    name: `layout shift (CLS), worst of ${2 * n} loads`,
    value: cls,
    unit: '',
    better: 'lower',
    target: '< 0.02',
    pass: cls < 0.02,
  });
  return rows;
}
