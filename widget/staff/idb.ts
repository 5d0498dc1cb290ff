// A few promise helpers over IndexedDB: enough for the coach's offline queue, no library needed.
const NAME = 'vraagwijzer-coach';
const STORES = ['queue', 'conflicts', 'plans', 'trees', 'walks'] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  return (opening ??= new Promise((resolve, reject) => {
    // Version 2 adds the trees kept for offline advice and the advice walks waiting to be sent.
    const req = indexedDB.open(NAME, 2);
    req.onupgradeneeded = () => {
      const db = req.result;
      const keys: Record<StoreName, string> = { queue: 'key', conflicts: 'key', plans: 'id', trees: 'domain', walks: 'key' };
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
