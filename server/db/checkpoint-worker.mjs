// @ts-check
// Runs in a worker thread (checkpointer.ts): WAL checkpoints on a connection of its own, so neither
// the event loop nor the writer thread waits for the copy into the database file and its fsync.
// Plain JavaScript, checked by tsc through the types of worker-protocol.ts.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @typedef {import('./worker-protocol.js').CheckpointResult} CheckpointResult */
/** @typedef {import('./worker-protocol.js').RestartSignal} RestartSignal */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
/** @param {import('./worker-protocol.js').CheckpointerMessage} message */
const post = (message) => port.postMessage(message);

const { path, intervalMs, restartFrames, writer } = /** @type {import('./worker-protocol.js').CheckpointerData} */ (workerData);
const db = new Database(path);
db.pragma('busy_timeout = 2000');

/**
 * @param {boolean} requested asked for by the server (checkpointer.ts), which waits for this very pass
 * @returns {CheckpointResult | undefined}
 */
function checkpoint(requested) {
  try {
    // PASSIVE never blocks the writer; frames it cannot copy yet are copied next time.
    const [result] = /** @type {CheckpointResult[]} */ (db.pragma('wal_checkpoint(PASSIVE)'));
    post({ type: 'checkpoint', requested, .../** @type {CheckpointResult} */ (result) });
    return result;
  } catch (err) {
    post({ type: 'error', requested, message: /** @type {Error} */ (err).message });
  }
}

const timer = setInterval(() => {
  const result = checkpoint(false);
  // The log has grown large: the writer (writer-worker.mjs) asks for a catch-up between batches.
  if (result && result.log >= restartFrames) writer?.postMessage(/** @type {RestartSignal} */ ('restart-due'));
}, intervalMs);

writer?.on('message', (/** @type {RestartSignal} */ message) => {
  if (message !== 'catch-up') return;
  checkpoint(false);
  writer.postMessage(/** @type {RestartSignal} */ ('caught-up'));
});

port.on('message', (/** @type {import('./worker-protocol.js').CheckpointerRequest} */ message) => {
  if (message === 'checkpoint') checkpoint(true);
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    writer?.close();
    port.close();
  }
});
