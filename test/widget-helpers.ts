// Helpers for the widget's happy-dom tests: an msw server backed by the in-memory contract fake
// (so the widget talks to the real engine), and queries that see through shadow roots.
import { http, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { fakeApp, loadDemo } from './e2e-fake-server.js';

export const API = 'http://api.test';

type Seen = { method: string; path: string; query: URLSearchParams; body: unknown }[];

export async function contractServer(): Promise<{
  server: ReturnType<typeof setupServer>;
  seen: Seen;
  app: ReturnType<typeof fakeApp>;
  record: (r: Request) => Promise<void>;
}> {
  const app = fakeApp(await loadDemo());
  const seen: Seen = [];
  /** Notes a request as the server saw it; override handlers call it too. */
  const record = async (request: Request) => {
    const body =
      request.method === 'GET'
        ? undefined
        : await request
            .clone()
            .json()
            .catch(() => undefined);
    const url = new URL(request.url);
    seen.push({ method: request.method, path: url.pathname, query: url.searchParams, body });
  };
  const handler: HttpHandler = http.all(`${API}/api/*`, async ({ request }) => {
    await record(request);
    return app.fetch(request);
  });
  return { server: setupServer(handler), seen, app, record };
}

/** All elements matching `selector` in `root` and every shadow root below it. */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const out: T[] = [...root.querySelectorAll<T>(selector)];
  if (root instanceof Element && root.shadowRoot) out.push(...deepAll<T>(root.shadowRoot, selector));
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll<T>(el.shadowRoot, selector));
  return out;
}

export function deep<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  return deepAll<T>(root, selector)[0];
}

export async function until<T>(fn: () => T | undefined | null | false, what: string, ms = 4000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const headingText = (root: ParentNode) => deep(root, 'h2[data-heading]')?.textContent?.trim() ?? '';

export async function waitForHeading(root: ParentNode, text: string): Promise<HTMLElement> {
  return until(
    () => deepAll(root, 'h2[data-heading]').find((h) => h.textContent?.trim() === text),
    `heading "${text}" (now: "${headingText(root)}")`,
  );
}

export function button(root: ParentNode, name: string): HTMLButtonElement {
  const b = deepAll<HTMLButtonElement>(root, 'button').find((x) => x.textContent?.replace(/\s+/g, ' ').trim().startsWith(name));
  if (!b) throw new Error(`no button "${name}"`);
  return b;
}

/** Picks the radio or checkbox whose label starts with `label`, like a resident clicking it. */
export function choose(root: ParentNode, label: string): void {
  const l = deepAll<HTMLLabelElement>(root, 'label').find((x) => x.textContent?.trim().startsWith(label));
  if (!l) throw new Error(`no option "${label}"`);
  const input = (l.getRootNode() as ShadowRoot).getElementById(l.htmlFor) as HTMLInputElement;
  input.checked = !input.checked || input.type === 'radio';
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function type(root: ParentNode, value: string, selector = '#f'): void {
  const input = deep<HTMLInputElement>(root, selector)!;
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The element that really has focus, following shadow roots down. */
export function focused(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

export async function mount(tree: string, lang = 'nl'): Promise<HTMLElement> {
  const el = document.createElement('vraag-wijzer');
  el.setAttribute('api', API);
  el.setAttribute('tree', tree);
  el.setAttribute('lang', lang);
  document.body.append(el);
  return el;
}
