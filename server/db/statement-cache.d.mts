import type BetterSqlite3 from 'better-sqlite3';

/** See statement-cache.mjs. */
export function statementCache(database: BetterSqlite3.Database, max?: number): { prepare(sql: string): BetterSqlite3.Statement };
