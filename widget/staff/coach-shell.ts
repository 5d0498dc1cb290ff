// What the coach page needs to open without a connection, shared by the page and its service worker.
export const SHELL_CACHE = 'vw-coach-shell-v1';
export const SHELL = ['/coach', '/staff/assets/staff.js'];

/**
 * The page (not the worker) fills the cache, on every load with a connection: the server gives
 * non-HTML responses, the worker script included, `default-src 'none'`, so the worker itself may
 * not fetch. Filling it before registering means the worker never controls a page without a shell.
 */
export async function installShell(): Promise<void> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  if (navigator.onLine) await (await caches.open(SHELL_CACHE)).addAll(SHELL);
  await navigator.serviceWorker.register('/coach-sw.js', { scope: '/coach' });
}
