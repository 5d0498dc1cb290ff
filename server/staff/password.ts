import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Worker } from 'node:worker_threads';

// scrypt with its parameters stored beside the hash, so they can be raised later without
// invalidating existing accounts: "scrypt$N$r$p$salt$hash" (salt and hash base64url).
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

/**
 * The hashing thread (hash-worker.mjs), started on the first hash and kept; it keeps the process
 * alive only while a hash is under way. Not libuv's thread pool: that is where the database's
 * fdatasync runs (see the worker).
 */
let hasher: { worker: Worker; pending: Map<number, { resolve(key: Buffer): void; reject(err: Error): void }> } | undefined;
let nextId = 0;

function hashThread() {
  if (hasher) return hasher;
  // execArgv: []: plain JavaScript, no TypeScript loader needed.
  const worker = new Worker(new URL('./hash-worker.mjs', import.meta.url), { execArgv: [] });
  const pending = new Map<number, { resolve(key: Buffer): void; reject(err: Error): void }>();
  worker.on('message', (m: { id: number; key?: Uint8Array; error?: string }) => {
    const waiter = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined || !m.key) waiter?.reject(new Error(`Password hashing failed: ${m.error}`));
    else waiter?.resolve(Buffer.from(m.key));
    // Idle, the thread must not keep a process (a CLI, a test) from ending.
    if (pending.size === 0) worker.unref();
  });
  worker.once('exit', (code) => {
    // The next hash starts a new thread; what waited fails.
    if (hasher?.worker === worker) hasher = undefined;
    for (const w of pending.values()) w.reject(new Error(`The password hashing thread stopped (exit code ${code}); try again.`));
  });
  hasher = { worker, pending };
  return hasher;
}

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const { worker, pending } = hashThread();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    // While a hash is under way, the process waits for it.
    if (pending.size === 0) worker.ref();
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, password: password.normalize('NFC'), salt, keyLength: KEY_LENGTH, ...o });
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** A fixed hash to verify against when the account does not exist: same time, same answer (no). */
const DUMMY = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return stored !== null && expected.length === key.length && timingSafeEqual(expected, key);
}

/** 20 characters from an unambiguous alphabet (~100 bits): readable aloud, typed once. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
