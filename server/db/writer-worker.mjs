// Runs in a worker thread (writer-thread.ts): the server's SQLite connection for a database file.
// Everything SQLite does – statements, commits, batching answers, waiting for the WAL's fdatasync –
// happens here, so the event loop only serves HTTP and runs the engine; on two cores both are busy.
// Plain JavaScript: worker threads get no TypeScript loader.
import { createHistogram, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { statementCache } from './statement-cache.mjs';

/**
 * `walSync`: the module that syncs the WAL (wal-sync.mjs; tests hand in one they control).
 * @type {{ path: string, sync: boolean, maxBatch: number, walSync: string, catchUpLimitMs: number, checkpointer?: import('node:worker_threads').MessagePort }}
 */
const { path, sync: syncWal, maxBatch, catchUpLimitMs, checkpointer } = workerData;
const wal = (await import(workerData.walSync)).walSync(path);

let db;
let statements;
let control;
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
} catch (err) {
  parentPort.postMessage({ type: 'failed', message: err.message });
  parentPort.close();
}

// ---- Replies: one message per turn of this thread's loop, however many requests it answered.

let outbox = [];
function send(reply) {
  if (outbox.length === 0) setImmediate(flushOutbox);
  outbox.push(reply);
}
function flushOutbox() {
  const replies = outbox;
  outbox = [];
  parentPort.postMessage(replies);
}
const answer = (id, result) => send({ id, result });
// The code survives the trip: callers tell a lost race (a unique violation) by it.
const fail = (id, err) => send({ id, error: { message: err.message, code: err.code } });

// ---- Statements

/** As Kysely's own SQLite driver reports a result. */
function execute(stmt, parameters) {
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
}

// ---- Durability: nobody hears that a commit happened before the WAL holding it is on disk.

let committed = 0;
let synced = 0;

/**
 * How long things took in this thread since the last `stats` request, in µs: each WAL sync (a slow
 * disk), each batch from its catch-up to its replies (a starved thread too), each WAL catch-up.
 */
let timings = freshTimings();
function freshTimings() {
  return { walSync: createHistogram(), batch: createHistogram(), catchUp: createHistogram() };
}
const since = (started) => Math.max(1, Math.round((performance.now() - started) * 1000));

/** Makes every commit so far durable; one fdatasync covers all of them. */
async function syncCommits() {
  const upTo = committed;
  if (syncWal) {
    const started = performance.now();
    await wal.sync();
    timings.walSync.record(since(started));
  }
  synced = Math.max(synced, upTo);
}

/** Each timing since the last call (count, median, p99 and longest, in ms); starts counting anew. */
function stats({ id }) {
  const taken = timings;
  timings = freshTimings();
  const ms = (us) => Math.round(us / 10) / 100;
  const summary = (h) =>
    h.count ? { count: h.count, p50Ms: ms(h.percentile(50)), p99Ms: ms(h.percentile(99)), maxMs: ms(h.max) } : { count: 0 };
  answer(id, { walSync: summary(taken.walSync), batches: summary(taken.batch), catchUps: summary(taken.catchUp) });
}

/** Db.durable: a reader may have seen a commit whose sync is still under way. */
async function durable(id) {
  try {
    if (synced < committed) await syncCommits();
    answer(id, null);
  } catch (err) {
    fail(id, err);
  }
}

// ---- Statements from Kysely (writer-thread.ts). A connection that opens a transaction owns the
// database until it ends it: the others' statements wait, or they would run inside it.

let owner;
let deferred = [];

async function query({ id, conn, sql, parameters }) {
  const wasInTransaction = db.inTransaction;
  let stmt;
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
      return fail(id, err);
    }
  }
  answer(id, result);
}

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

let plans = [];
let flushing = false;

function runPlan(plan) {
  for (const { sql, parameters, guard } of plan.statements) {
    const { numAffectedRows } = execute(statements.prepare(sql), parameters);
    if (guard === 'one-row' && numAffectedRows !== 1n) return 'conflict';
  }
  return 'ok';
}

/** One transaction for the whole batch; each plan's outcome, or the error that sank them all. */
function writeBatch(batch) {
  const outcomes = [];
  try {
    control.begin.run();
    for (const plan of batch) {
      control.savepoint.run();
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
        const outcome = outcomes[i];
        if (outcome.error || syncError) fail(plan.id, outcome.error ?? syncError);
        else answer(plan.id, outcome.result);
      });
      timings.batch.record(since(started));
    }
  } finally {
    flushing = false;
    changed();
  }
}

/** Waits for a batch to end or a transaction to be released. */
let wakers = [];
const stateChange = () => new Promise((wake) => wakers.push(wake));
function changed() {
  const woken = wakers;
  wakers = [];
  for (const wake of woken) wake();
}

// ---- The WAL restart (checkpointer.ts): once the log is large, the checkpoint worker copies it
// while no batch writes, so that the next write starts the log over from its beginning.

let restartDue = false;
let caughtUp;
let checkpointerGone = !checkpointer;
checkpointer?.on('message', (m) => {
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
    checkpointer.postMessage('catch-up');
  });
  caughtUp = undefined;
  timings.catchUp.record(since(started));
  if (!finished) parentPort.postMessage({ type: 'slow-catch-up', limitMs: catchUpLimitMs });
}

// ---- Messages

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
  setImmediate(() => parentPort.close());
}

function receive(m) {
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

if (db?.open) {
  // Requests come in arrays: all that the event loop made in one turn (writer-thread.ts).
  parentPort.on('message', (messages) => messages.forEach(receive));
  parentPort.postMessage({ type: 'ready' });
}
