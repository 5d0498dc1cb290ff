// Runs in a worker thread (checkpointer.ts): WAL checkpoints on a connection of its own, so the
// server's event loop never waits for the copy into the database file and its fsync.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path);
db.pragma('busy_timeout = 2000');

/** `requested`: asked for by the server (checkpointer.ts), which waits for this very pass. */
function checkpoint(requested) {
  try {
    // PASSIVE never blocks the writer; frames it cannot copy yet are copied next time.
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpoint', requested, ...result });
  } catch (err) {
    parentPort.postMessage({ type: 'error', requested, message: err.message });
  }
}

const timer = setInterval(() => checkpoint(false), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') checkpoint(true);
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
