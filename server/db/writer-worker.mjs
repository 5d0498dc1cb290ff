// @ts-check
// Runs in a worker thread (writer-thread.ts): the server's SQLite connection for a database file.
// Everything SQLite does – statements, commits, batching answers, waiting for the WAL's fdatasync –
// happens here, so the event loop only serves HTTP and runs the engine; on two cores both are busy.
// Plain JavaScript (worker threads get no TypeScript loader), checked by tsc through the JSDoc
// types of worker-protocol.ts.
import { createHistogram, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { statementCache } from './statement-cache.mjs';

/** @typedef {import('./worker-protocol.js').WriterRequest} WriterRequest */
/** @typedef {import('./worker-protocol.js').WriterReply} WriterReply */
/** @typedef {import('./worker-protocol.js').WriterNotice} WriterNotice */
/** @typedef {import('./worker-protocol.js').PlanStatement} PlanStatement */
/** @typedef {import('./worker-protocol.js').RestartSignal} RestartSignal */
/** @typedef {import('better-sqlite3').Statement} Statement */
/** @typedef {{ error: unknown, result?: undefined } | { result: 'ok' | 'conflict', error?: undefined }} Outcome */

/** The exit code of a thread that stopped because the WAL could not be synced (see syncCommits). */
const SYNC_FAILED_EXIT = 4;

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
/** @param {WriterReply[] | WriterNotice} message */
const post = (message) => port.postMessage(message);

/** `walSync`: the module that syncs the WAL (wal-sync.mjs; tests hand in one they control). */
const {
  path,
  sync: syncWal,
  maxBatch,
  catchUpLimitMs,
  checkpointer,
} = /** @type {import('./worker-protocol.js').WriterData} */ (workerData);
const walModule = /** @type {import('./worker-protocol.js').WalSyncModule} */ (await import(workerData.walSync));
const wal = walModule.walSync(path);

/** @type {import('better-sqlite3').Database} */
let db;
/** @type {{ prepare(sql: string): Statement }} */
let statements;
/** @type {Record<'begin' | 'savepoint' | 'release' | 'rollbackTo' | 'commit', Statement>} */
let control;
/** False when the database could not be opened (reported as `failed`): the thread then ends. */
let opened = false;
try {
  db = new Database(path);
  db.pragma('journal_mode = WAL');
  // The WAL is fdatasynced here after every commit instead (see syncCommits), off SQLite's lock.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  statements = statementCache(db);
  if (checkpointer) {
    // checkpoint-worker.mjs copies the WAL into the database file; SQLite's own checkpoint would
    // run inside the COMMIT that crosses 1000 pages, holding every write back meanwhile.
    db.pragma('wal_autocheckpoint = 0');
    // When the log is started over, the file shrinks back to this size.
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  }
  control = {
    begin: db.prepare('begin'),
    savepoint: db.prepare('savepoint plan'),
    release: db.prepare('release savepoint plan'),
    rollbackTo: db.prepare('rollback to savepoint plan'),
    commit: db.prepare('commit'),
  };
  opened = true;
} catch (err) {
  post({ type: 'failed', message: /** @type {Error} */ (err).message });
  port.close();
}

// ---- Replies: one message per turn of this thread's loop, however many requests it answered.

/** @type {WriterReply[]} */
let outbox = [];
/** @param {WriterReply} reply */
function send(reply) {
  if (outbox.length === 0) setImmediate(flushOutbox);
  outbox.push(reply);
}
function flushOutbox() {
  const replies = outbox;
  outbox = [];
  if (replies.length) post(replies);
}
/** @type {(id: number, result: unknown) => void} */
const answer = (id, result) => send({ id, result });
/**
 * The code survives the trip: callers tell a lost race (a unique violation) by it.
 * @type {(id: number, err: unknown) => void}
 */
const fail = (id, err) => {
  const { message, code } = /** @type {NodeJS.ErrnoException} */ (err);
  send({ id, error: { message, code } });
};

// ---- Statements

/**
 * As Kysely's own SQLite driver reports a result.
 * @param {Statement} stmt
 * @param {readonly unknown[]} parameters
 */
function execute(stmt, parameters) {
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

// ---- Durability: nobody hears that a commit happened before the WAL holding it is on disk.

let committed = 0;
let synced = 0;
/**
 * The sync failure that stops this thread; from then on nothing is done or answered as done.
 * @type {Error | undefined}
 */
let lost;
let stopping = false;

/**
 * How long things took in this thread since the last `stats` request, in µs: each WAL sync (a slow
 * disk), each batch from its catch-up to its replies (a starved thread too), each WAL catch-up.
 */
let timings = freshTimings();
function freshTimings() {
  return { walSync: createHistogram(), batch: createHistogram(), catchUp: createHistogram() };
}
/** @param {number} started */
const since = (started) => Math.max(1, Math.round((performance.now() - started) * 1000));

/**
 * Makes every commit so far durable; one fdatasync covers all of them. A sync that fails stops the
 * thread (crash-only): the frames it covered may be gone from the disk while the page cache calls
 * them clean, so no later sync may report them saved. What waited for it is failed first; the
 * event loop hears `sync-failed`, then the thread's exit, and stops the server (boot.ts), whose
 * restart recovers from what the disk really holds.
 */
async function syncCommits() {
  const upTo = committed;
  if (syncWal) {
    const started = performance.now();
    try {
      await wal.sync();
    } catch (err) {
      lost ??= /** @type {Error} */ (err);
      throw lost;
    }
    timings.walSync.record(since(started));
  }
  synced = Math.max(synced, upTo);
}

/** Once the replies to what waited have gone out: say why, and end the thread. */
function stopIfLost() {
  if (!lost || stopping) return;
  stopping = true;
  setImmediate(() => {
    flushOutbox();
    post({ type: 'sync-failed', message: /** @type {Error} */ (lost).message });
    process.exit(SYNC_FAILED_EXIT);
  });
}

/** Each timing since the last call (count, median, p99 and longest, in ms); starts counting anew. */
/** @param {{ id: number }} m */
function stats({ id }) {
  const taken = timings;
  timings = freshTimings();
  /** @param {number} us */
  const ms = (us) => Math.round(us / 10) / 100;
  /** @param {import('node:perf_hooks').RecordableHistogram} h */
  const summary = (h) =>
    h.count ? { count: h.count, p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) } : { count: 0 };
  answer(id, { walSync: summary(taken.walSync), batches: summary(taken.batch), catchUps: summary(taken.catchUp) });
}

/**
 * Db.durable: a reader may have seen a commit whose sync is still under way.
 * @param {number} id
 */
async function durable(id) {
  try {
    if (synced < committed) await syncCommits();
    answer(id, null);
  } catch (err) {
    fail(id, err);
    stopIfLost();
  }
}

// ---- Statements from Kysely (writer-thread.ts). A connection that opens a transaction owns the
// database until it ends it: the others' statements wait, or they would run inside it.

/** @type {number | undefined} */
let owner;
/** @type {WriterRequest[]} */
let deferred = [];

/** @param {Extract<WriterRequest, { type: 'query' }>} m */
async function query({ id, conn, sql, parameters }) {
  const wasInTransaction = db.inTransaction;
  /** @type {Statement} */
  let stmt;
  /** @type {ReturnType<typeof execute>} */
  let result;
  try {
    stmt = statements.prepare(sql);
    result = execute(stmt, parameters);
  } catch (err) {
    return fail(id, err);
  } finally {
    if (db.inTransaction !== wasInTransaction) setOwner(db.inTransaction ? conn : undefined);
  }
  // A transaction that ended or a write outside one: either committed something.
  if (!db.inTransaction && (wasInTransaction || !stmt.readonly)) {
    committed++;
    try {
      await syncCommits();
    } catch (err) {
      fail(id, err);
      return stopIfLost();
    }
  }
  answer(id, result);
}

/** @param {{ id: number }} m */
function rollback({ id }) {
  // SQLite may have rolled back already (some errors end the transaction); nothing is left to do.
  try {
    if (db.inTransaction) db.exec('rollback');
    answer(id, null);
  } catch (err) {
    fail(id, err);
  } finally {
    setOwner(undefined);
  }
}

/** @param {number | undefined} conn */
function setOwner(conn) {
  owner = conn;
  if (owner !== undefined) return;
  changed();
  const waiting = deferred;
  deferred = [];
  for (const m of waiting) receive(m);
}

// ---- Write plans (write-plan.ts): group commit, as group-commit.ts does on the event loop. Plans
// that arrive while a batch is written or synced join the next one: one transaction, one fdatasync,
// each plan inside its own savepoint, so a plan that fails is rolled back alone.

/** @type {Extract<WriterRequest, { type: 'plan' }>[]} */
let plans = [];
let flushing = false;

/**
 * @param {{ statements: PlanStatement[] }} plan
 * @returns {'ok' | 'conflict'}
 */
function runPlan(plan) {
  for (const { sql, parameters, guard } of plan.statements) {
    const { numAffectedRows } = execute(statements.prepare(sql), parameters);
    if (guard === 'one-row' && numAffectedRows !== 1n) return 'conflict';
  }
  return 'ok';
}

/**
 * One transaction for the whole batch; each plan's outcome, or the error that sank them all.
 * @param {{ statements: PlanStatement[] }[]} batch
 * @returns {Outcome[]}
 */
function writeBatch(batch) {
  /** @type {Outcome[]} */
  const outcomes = [];
  try {
    control.begin.run();
    for (const plan of batch) {
      control.savepoint.run();
      /** @type {Outcome} */
      let outcome;
      try {
        outcome = { result: runPlan(plan) };
      } catch (err) {
        // A taken key, too: writer-thread.ts tells a lost race by the error's code.
        outcome = { error: err };
      }
      if (outcome.result !== 'ok') control.rollbackTo.run();
      control.release.run();
      outcomes.push(outcome);
    }
    control.commit.run();
    committed++;
  } catch (err) {
    if (db.inTransaction) db.exec('rollback');
    return batch.map(() => ({ error: err }));
  }
  return outcomes;
}

async function flushPlans() {
  flushing = true;
  try {
    while (plans.length) {
      const started = performance.now();
      await catchUpIfDue();
      while (owner !== undefined) await stateChange();
      const batch = plans.splice(0, maxBatch);
      const outcomes = writeBatch(batch);
      // While the disk syncs, reads and the next plans come in.
      const syncError = await syncCommits().then(
        () => undefined,
        (err) => err,
      );
      batch.forEach((plan, i) => {
        const outcome = /** @type {Outcome} */ (outcomes[i]);
        if (outcome.error || syncError) fail(plan.id, outcome.error ?? syncError);
        else answer(plan.id, outcome.result);
      });
      timings.batch.record(since(started));
      if (syncError) {
        // The plans still queued were never written: they fail with the same cause.
        for (const plan of plans.splice(0)) fail(plan.id, syncError);
        return stopIfLost();
      }
    }
  } finally {
    flushing = false;
    changed();
  }
}

/** Waits for a batch to end or a transaction to be released. */
/** @type {(() => void)[]} */
let wakers = [];
/** @returns {Promise<void>} */
const stateChange = () => new Promise((wake) => wakers.push(wake));
function changed() {
  const woken = wakers;
  wakers = [];
  for (const wake of woken) wake();
}

// ---- The WAL restart (checkpointer.ts): once the log is large, the checkpoint worker copies it
// while no batch writes, so that the next write starts the log over from its beginning.

let restartDue = false;
/** @type {(() => void) | undefined} */
let caughtUp;
let checkpointerGone = !checkpointer;
checkpointer?.on('message', (/** @type {RestartSignal} */ m) => {
  if (m === 'restart-due') restartDue = true;
  if (m === 'caught-up') caughtUp?.();
});
checkpointer?.on('close', () => {
  // A worker that has gone would never answer: writes must not wait for it.
  checkpointerGone = true;
  caughtUp?.();
});

/**
 * Writes wait for the catch-up (1–2 ms as a rule), but not without end: a stalled disk or a stuck
 * checkpointer must not hold every answer back. Past the limit the batch is written anyway; the log
 * is not started over this time and grows until the checkpointer asks again.
 */
async function catchUpIfDue() {
  if (!restartDue || checkpointerGone) return;
  restartDue = false;
  const started = performance.now();
  const finished = await new Promise((done) => {
    const timer = setTimeout(() => done(false), catchUpLimitMs);
    caughtUp = () => {
      clearTimeout(timer);
      done(true);
    };
    checkpointer?.postMessage(/** @type {RestartSignal} */ ('catch-up'));
  });
  caughtUp = undefined;
  timings.catchUp.record(since(started));
  if (!finished) post({ type: 'slow-catch-up', limitMs: catchUpLimitMs });
}

// ---- Messages

/** @param {{ id: number }} m */
async function close({ id }) {
  while (flushing || plans.length || owner !== undefined) await stateChange();
  try {
    // The last connection to close checkpoints the whole log and deletes it.
    db.close();
    await wal.close();
    answer(id, null);
  } catch (err) {
    fail(id, err);
  }
  checkpointer?.close();
  setImmediate(() => port.close());
}

/** @param {WriterRequest} m */
function receive(m) {
  // The thread is stopping over a failed sync: nothing more is done, nor answered as done.
  if (lost) return 'id' in m ? fail(m.id, lost) : undefined;
  switch (m.type) {
    case 'plan':
      plans.push(m);
      if (!flushing) {
        flushing = true;
        // The plans already waiting in this thread's queue join the same batch.
        setImmediate(() => void flushPlans());
      }
      return;
    case 'durable':
      return void durable(m.id);
    case 'stats':
      return stats(m);
    case 'autocheckpoint':
      return void db.pragma(`wal_autocheckpoint = ${Number(m.pages)}`);
    case 'close':
      return void close(m);
  }
  if (owner !== undefined && m.conn !== owner) return void deferred.push(m);
  if (m.type === 'rollback') return rollback(m);
  void query(m);
}

if (opened) {
  // Requests come in arrays: all that the event loop made in one turn (writer-thread.ts).
  port.on('message', (/** @type {WriterRequest[]} */ messages) => messages.forEach(receive));
  post({ type: 'ready' });
}
