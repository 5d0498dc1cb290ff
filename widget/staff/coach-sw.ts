// The coach page's service worker: keeps the app shell (the page and the staff bundle) so /coach
// opens without a connection. API calls are never cached here: answers go through the IndexedDB
// queue, which resends them with their idempotency keys.
const CACHE = 'vw-coach-shell-v1';
const SHELL = ['/coach', '/staff/assets/staff.js'];

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

sw.addEventListener('install', (e) => e.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => sw.skipWaiting())));

sw.addEventListener('activate', (e) =>
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('vw-coach-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => sw.clients.claim()),
  ),
);

sw.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (url.pathname !== '/coach' && !url.pathname.startsWith('/staff/assets/')) return;
  // Network first: a signed-out coach is sent to sign in, and a new bundle is picked up at once.
  e.respondWith(
    fetch(e.request)
      .then(async (res) => {
        if (res.ok && !res.redirected && res.type === 'basic') {
          const copy = res.clone();
          await caches.open(CACHE).then((c) => c.put(url.pathname, copy));
        }
        return res;
      })
      .catch(async () => (await caches.match(url.pathname)) ?? Response.error()),
  );
});
