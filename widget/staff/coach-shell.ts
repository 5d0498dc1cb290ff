// What the coach page needs to open without a connection, shared by the page and its service worker.
export const SHELL_CACHE = 'vw-coach-shell-v1';
export const SHELL = ['/coach', '/staff/assets/staff.js'];
/** The staff bundle under its content-hashed name, as the page shells load it (server/staff/page-routes.ts). */
const HASHED_BUNDLE = /^\/staff\/assets\/staff-[A-Z0-9]{8}\.js$/;

/** Whether the worker keeps this path for offline use. */
export const inShell = (pathname: string) => SHELL.includes(pathname) || HASHED_BUNDLE.test(pathname);

/**
 * The page (not the worker) fills the cache, on every load with a connection: the server gives
 * non-HTML responses, the worker script included, `default-src 'none'`, so the worker itself may
 * not fetch. Filling it before registering means the worker never controls a page without a shell.
 */
export async function installShell(): Promise<void> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  // The bundle this page loaded, by its hashed name: a new release brings a new name (and entry).
  const own = [...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map((el) => new URL(el.src).pathname);
  if (navigator.onLine) await (await caches.open(SHELL_CACHE)).addAll([...SHELL, ...own.filter(inShell)]);
  await navigator.serviceWorker.register('/coach-sw.js', { scope: '/coach' });
}
