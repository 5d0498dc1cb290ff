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
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import { buildWidget } from '../scripts/build-widget.js';
import { startServer } from '../test/e2e-server.js';
import { median, type Row } from './stats.js';

const RUNS = 15;
const gz = (b: Buffer) => gzipSync(b, { level: 9 }).length;

// The same first question, as plain HTML: the fastest a page could show it.
const STATIC = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Hulp en advies</title><style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:auto;padding:1rem}</style></head>
<body><main><h1>Hulp en advies</h1><form><fieldset><legend><h2>Wat wil je doen?</h2></legend>
<div><input type="radio" id="a" name="q" value="oplossing"><label for="a">Ik zoek een oplossing</label></div>
<div><input type="radio" id="b" name="q" value="helpen"><label for="b">Ik wil helpen</label></div></fieldset>
<button>Volgende</button></form></main></body></html>`;

// Injected before any page script: notes when an h2 with the question first exists (shadow roots too).
const PROBE = `(() => {
  const find = (root) => {
    for (const h of root.querySelectorAll('h2')) if (h.textContent.trim() === 'Wat wil je doen?') return true;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot && find(el.shadowRoot)) return true;
    return false;
  };
  const tick = () => (document.documentElement && find(document)) ? (window.__firstQuestion = performance.now()) : requestAnimationFrame(tick);
  requestAnimationFrame(tick);
})();`;

async function timeToQuestion(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext(); // cold cache: a resident's first visit
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstQuestion?: number }).__firstQuestion !== undefined, null, {
    timeout: 10_000,
  });
  const ms = await page.evaluate(() => (window as unknown as { __firstQuestion: number }).__firstQuestion);
  await context.close();
  return ms;
}

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
    const widgetUrl = `${server.url}/?tree=demo/start`;
    await timeToQuestion(browser, widgetUrl); // warm the server's tree cache and Chromium itself
    await timeToQuestion(browser, staticUrl);
    const widget: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      widget.push(await timeToQuestion(browser, widgetUrl));
      plain.push(await timeToQuestion(browser, staticUrl));
    }
    rows.push({
      name: `navigation → first question visible, headless Chromium, localhost (${server.kind} server, median of ${RUNS})`,
      value: median(widget),
      unit: 'ms',
      better: 'lower',
      baseline: { name: 'static HTML page with the same question', value: median(plain) },
    });
  } finally {
    await browser.close();
    await new Promise<void>((r) => staticSrv.close(() => r()));
    await server.close();
  }
  return rows;
}
