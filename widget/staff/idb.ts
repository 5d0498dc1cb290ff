// A few promise helpers over IndexedDB: enough for the coach's offline queue, no library needed.
// One database per signed-in account ("vraagwijzer-coach:<name>"): on a shared tablet a colleague
// never opens another coach's households, and signing out deletes them from the device.
const NAME = 'vraagwijzer-coach';
let account = '';
const STORES = ['queue', 'conflicts', 'plans', 'trees', 'walks', 'meldingen'] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | undefined;

/** Which account's store the page works in; call before any other use (the last signed-in one offline). */
export function bindAccount(name: string): void {
  if (name === account) return;
  void opening?.then((db) => db.close()).catch(() => undefined);
  opening = undefined;
  account = name;
}

/** Deletes every coach store on this device (all accounts): at sign-out. */
export async function wipeCoachStores(): Promise<void> {
  await opening?.then((db) => db.close()).catch(() => undefined);
  opening = undefined;
  const names = (await indexedDB.databases?.().catch(() => [])) ?? [];
  const ours = new Set([NAME, `${NAME}:${account}`, ...names.map((d) => d.name ?? '').filter((n) => n.startsWith(NAME))]);
  await Promise.all(
    [...ours].map(
      (n) =>
        new Promise<void>((resolve) => {
          const req = indexedDB.deleteDatabase(n);
          req.onsuccess = req.onerror = req.onblocked = () => resolve();
        }),
    ),
  );
}

interface StoredWalk {
  done: boolean;
  failed?: string;
  answers: unknown[];
  continues?: { answered: number };
}

/** A walk waits to be sent: finished, or continued from an online session with answers the server lacks. */
export const walkUnsent = (w: StoredWalk) => !w.failed && (w.done || (!!w.continues && w.answers.length > w.continues.answered));

/** Answers, advice walks and meldingen of the bound account that the server has not got yet. */
export async function unsentCount(): Promise<number> {
  if (!account) return 0;
  const walks = await idb.all<StoredWalk>('walks');
  const meldingen = await idb.all<{ failed?: string }>('meldingen');
  return (await idb.all('queue')).length + walks.filter(walkUnsent).length + meldingen.filter((m) => !m.failed).length;
}

function open(): Promise<IDBDatabase> {
  if (!account) return Promise.reject(new Error('idb: bindAccount(name) first – the store belongs to the signed-in account.'));
  return (opening ??= new Promise((resolve, reject) => {
    // Version 2 adds the trees kept for offline advice and the advice walks waiting to be sent;
    // version 3 the Wmo meldingen made at the kitchen table.
    const req = indexedDB.open(`${NAME}:${account}`, 3);
    req.onupgradeneeded = () => {
      const db = req.result;
      const keys: Record<StoreName, string> = {
        queue: 'key',
        conflicts: 'key',
        plans: 'id',
        trees: 'domain',
        walks: 'key',
        meldingen: 'key',
      };
      for (const store of STORES) if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, { keyPath: keys[store] });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  }));
}

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => ((req.onsuccess = () => resolve(req.result)), (req.onerror = () => reject(req.error))));

/** Resolves when the transaction has committed: a queued answer is on disk before the UI says so. */
async function write(store: StoreName, fn: (s: IDBObjectStore) => void): Promise<void> {
  const tx = (await open()).transaction(store, 'readwrite');
  fn(tx.objectStore(store));
  await new Promise<void>(
    (resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error)), (tx.onabort = () => reject(tx.error))),
  );
}

export const idb = {
  all: async <T>(store: StoreName): Promise<T[]> => done((await open()).transaction(store).objectStore(store).getAll()) as Promise<T[]>,
  get: async <T>(store: StoreName, key: string): Promise<T | undefined> =>
    done((await open()).transaction(store).objectStore(store).get(key)) as Promise<T | undefined>,
  put: (store: StoreName, value: unknown) => write(store, (s) => s.put(value)),
  delete: (store: StoreName, key: string) => write(store, (s) => s.delete(key)),
};
