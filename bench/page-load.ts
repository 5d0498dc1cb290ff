// One page load in Chromium as a resident's phone sees it: time from navigation to the first
// question on screen, the bytes that came over the wire (scripts and everything), and the layout
// shift. A first visit uses a fresh browser context (empty cache); a repeat visit loads the page
// again in the same context. "Throttled" is CDP's network emulation: 400 kbit/s, 400 ms latency.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

export interface Load {
  ms: number;
  scriptBytes: number;
  totalBytes: number;
  cls: number;
}

export const THROTTLE = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

// Injected before any page script: notes when an h2 with the question first exists (light DOM,
// as a server-rendered page has it, or inside shadow roots) and sums the layout shifts.
const PROBE = (question: string) => `(() => {
  const find = (root) => {
    for (const h of root.querySelectorAll('h1, h2, legend')) if (h.textContent.trim() === ${JSON.stringify(question)}) return true;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot && find(el.shadowRoot)) return true;
    return false;
  };
  const tick = () => (document.documentElement && find(document)) ? (window.__firstQuestion = performance.now()) : requestAnimationFrame(tick);
  requestAnimationFrame(tick);
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

interface Probed {
  __firstQuestion?: number;
  __cls: number;
}

/** Counts what crossed the network, per resource type, as Chromium's network stack saw it. */
async function countBytes(cdp: CDPSession): Promise<() => { script: number; total: number }> {
  const types = new Map<string, string>();
  let script = 0;
  let total = 0;
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    total += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') script += e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  return () => ({ script, total });
}

async function load(page: Page, cdp: CDPSession, url: string, question: string, settleMs: number): Promise<Load> {
  const bytes = await countBytes(cdp);
  await page.addInitScript(PROBE(question));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as Probed).__firstQuestion !== undefined, null, { timeout: 30_000 });
  // The element takes over after its script runs: wait for that before reading the shift and bytes.
  await page.waitForTimeout(settleMs);
  const { ms, cls } = await page.evaluate(() => ({
    ms: (window as unknown as Probed).__firstQuestion!,
    cls: (window as unknown as Probed).__cls,
  }));
  const { script, total } = bytes();
  return { ms, cls, scriptBytes: script, totalBytes: total };
}

/** A first visit (empty cache) and a repeat visit (same context, so the cache is warm). */
export async function firstAndRepeat(browser: Browser, url: string, question: string, throttled: boolean): Promise<[Load, Load]> {
  const context: BrowserContext = await browser.newContext();
  try {
    const visit = async () => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      if (throttled) await cdp.send('Network.emulateNetworkConditions', THROTTLE);
      const result = await load(page, cdp, url, question, throttled ? 2_500 : 400);
      await page.close();
      return result;
    };
    const first = await visit();
    const repeat = await visit();
    return [first, repeat];
  } finally {
    await context.close();
  }
}
