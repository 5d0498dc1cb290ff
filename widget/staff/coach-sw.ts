// The coach page's service worker: network first for /coach and the staff bundle (so a new version
// is used at once), the shell cache when there is no connection or it hangs – a living room's wifi.
// Every good response refreshes the cache (the page also fills it on load, see coach-shell.ts).
// API calls are never touched: answers go through the IndexedDB queue, which resends them with
// their idempotency keys.
import { SHELL_CACHE, inShell } from './coach-shell.js';

interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
const sw = self as unknown as {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
};

sw.addEventListener('install', (e) => e.waitUntil(sw.skipWaiting()));

sw.addEventListener('activate', (e) =>
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('vw-coach-shell-') && k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  ),
);

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== sw.location.origin || !inShell(url.pathname)) return;
  const cached = () => caches.match(url.pathname, { cacheName: SHELL_CACHE }).then((hit) => hit ?? Response.error());
  const network = fetch(e.request).then(async (res) => {
    if (res.ok) await (await caches.open(SHELL_CACHE)).put(url.pathname, res.clone());
    return res;
  });
  const slow = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow network')), NETWORK_WAIT_MS));
  e.respondWith(Promise.race([network, slow]).catch(cached));
});

/** How long a hanging connection may keep the coach from a page that is already on the device. */
const NETWORK_WAIT_MS = 3000;
