// @ts-check
// Runs in a worker thread (password.ts): scrypt for staff passwords, synchronously, one at a time.
// Node's async scrypt runs on libuv's four-thread pool, the pool the writer thread's fdatasync uses
// too: 40 wrong sign-ins pushed the answers' p99 from 21 ms to 4 s. Here a hash takes this thread
// instead, and a burst of sign-ins queues behind it rather than in front of the database's syncs.
import { scryptSync } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

/** @typedef {{ id: number, password: string, salt: Uint8Array, keyLength: number, N: number, r: number, p: number }} HashRequest */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

port.on('message', (/** @type {HashRequest} */ m) => {
  try {
    const key = scryptSync(m.password, m.salt, m.keyLength, { N: m.N, r: m.r, p: m.p, maxmem: 256 * m.N * m.r });
    port.postMessage({ id: m.id, key });
  } catch (err) {
    port.postMessage({ id: m.id, error: /** @type {Error} */ (err).message });
  }
});
