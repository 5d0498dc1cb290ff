// Runs in a worker thread (checkpointer.ts): WAL checkpoints on a connection of its own, so neither
// the event loop nor the writer thread waits for the copy into the database file and its fsync.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @type {{ path: string, intervalMs: number, restartFrames: number, writer?: import('node:worker_threads').MessagePort }} */
const { path, intervalMs, restartFrames, writer } = workerData;
const db = new Database(path);
db.pragma('busy_timeout = 2000');

/** `requested`: asked for by the server (checkpointer.ts), which waits for this very pass. */
function checkpoint(requested) {
  try {
    // PASSIVE never blocks the writer; frames it cannot copy yet are copied next time.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', requested, ...result });
    return result;
  } catch (err) {
    parentPort.postMessage({ type: 'error', requested, message: err.message });
  }
}

const timer = setInterval(() => {
  const result = checkpoint(false);
  // The log has grown large: the writer (writer-worker.mjs) asks for a catch-up between batches.
  if (result && result.log >= restartFrames) writer?.postMessage('restart-due');
}, intervalMs);

writer?.on('message', (message) => {
  if (message !== 'catch-up') return;
  checkpoint(false);
  writer.postMessage('caught-up');
});

parentPort.on('message', (message) => {
  if (message === 'checkpoint') checkpoint(true);
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    writer?.close();
    parentPort.close();
  }
});
