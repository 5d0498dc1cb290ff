// @ts-check
// Prepared statements by SQL text, for a better-sqlite3 connection: Kysely prepares every query
// anew, and the same few statements run thousands of times a second. Plain JavaScript, so the
// writer thread (writer-worker.mjs) and the event loop's connection (connect.ts) share it.

/**
 * `database.prepare`, remembered; a runaway number of distinct statements empties the cache.
 * @param {import('better-sqlite3').Database} database
 * @param {number} [max]
 * @returns {{ prepare(sql: string): import('better-sqlite3').Statement }}
 */
export function statementCache(database, max = 500) {
  /** @type {Map<string, import('better-sqlite3').Statement>} */
  const statements = new Map();
  return {
    prepare(sql) {
      let stmt = statements.get(sql);
      if (!stmt) {
        if (statements.size >= max) statements.clear();
        stmt = database.prepare(sql);
        statements.set(sql, stmt);
      }
      return stmt;
    },
  };
}
