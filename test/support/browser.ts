// Shared by the browser tests and the widget benchmark: Debian's Chromium (no browser downloads
// here), what has keyboard focus through shadow roots, and axe at the WCAG levels we promise.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Chromium that makes no calls of its own to the (closed) outside network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** axe's violations on the page, one readable line each (an empty list is a pass). */
export async function axeViolations(page: Page, what: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map((v) => `${what}: ${v.id} – ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
}

/** What has focus, through shadow roots: tag, text and the label of a form control. */
export async function activeElement(page: Page) {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    const el = a as HTMLInputElement | null;
    const root = el?.getRootNode() as ShadowRoot | Document | undefined;
    const label = el?.id ? root?.querySelector?.(`label[for="${el.id}"]`)?.textContent?.trim() : undefined;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      text: el?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      label: label ?? '',
      type: el?.type ?? '',
      checked: !!el?.checked,
    };
  });
}

/** Tab (only Tab) until the focused element's text or label starts with `name`. */
export async function tabTo(page: Page, name: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const a = await activeElement(page);
    if (a.text.startsWith(name) || a.label.startsWith(name)) return a;
  }
  throw new Error(`keyboard: never reached "${name}"`);
}
