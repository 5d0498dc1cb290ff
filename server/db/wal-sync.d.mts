/** See wal-sync.mjs: makes every commit written to `<databasePath>-wal` so far durable. */
export function walSync(databasePath: string): { sync(): Promise<void>; close(): Promise<void> };
