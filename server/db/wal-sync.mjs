// @ts-check
// fdatasync of a WAL-mode SQLite database's `-wal` file, for the writer thread (writer-worker.mjs).
// With SQLite's own synchronous=FULL the fsync runs inside COMMIT and holds SQLite's lock for its
// whole length; with synchronous=NORMAL plus this sync after COMMIT (and before anyone hears of it)
// the committed frames are just as durable, and reads go on while the disk works. Checkpoints sync
// the WAL and the database file themselves.
import { open as openFile, stat as statFile } from 'node:fs/promises';

/** @typedef {{ datasync(): Promise<void>, stat(): Promise<{ ino: number }>, close(): Promise<void> }} WalHandle */
/** @typedef {{ open(path: string, flags: string): Promise<WalHandle>, stat(path: string): Promise<{ ino: number }> }} WalFiles */

/** @type {WalFiles} */
const nodeFiles = { open: openFile, stat: statFile };

/**
 * A failed sync is final. After a writeback error the kernel may have dropped the dirty pages and
 * marked them clean, so a later fdatasync that succeeds says nothing about the frames the failed one
 * covered (PostgreSQL's "fsyncgate", 2018). Every sync after a failure fails with the first error;
 * the writer thread stops the server on it (crash-only), and recovery reads what is really on disk.
 *
 * @param {string} databasePath
 * @param {WalFiles} [files] the file system (tests hand in one whose sync fails)
 * @returns {import('./worker-protocol.js').WalSync}
 */
export function walSync(databasePath, files = nodeFiles) {
  const path = `${databasePath}-wal`;
  /** @type {Promise<{ handle: WalHandle, ino: number }> | undefined} */
  let wal;
  /** @type {Error | undefined} */
  let failed;

  const openWal = async () => {
    const handle = await files.open(path, 'r');
    return { handle, ino: (await handle.stat()).ino };
  };

  /** @returns {Promise<void>} */
  async function sync() {
    // Opened lazily: the -wal file exists once the first transaction has been written to it.
    wal ??= openWal();
    const current = await wal;
    await current.handle.datasync();
    // SQLite deletes the -wal file when the last connection closes; should another process (a CLI)
    // have made that happen, a new file has taken the name and the sync above reached the old one.
    if ((await files.stat(path)).ino !== current.ino) {
      wal = undefined;
      await current.handle.close();
      await sync();
    }
  }

  return {
    async sync() {
      if (failed) throw failed;
      try {
        await sync();
      } catch (err) {
        const cause = /** @type {NodeJS.ErrnoException} */ (err);
        failed = Object.assign(
          new Error(`The write-ahead log could not be made durable (${cause.message}); the write was not acknowledged.`, { cause }),
          { code: cause.code },
        );
        throw failed;
      }
    },
    async close() {
      const current = await wal?.catch(() => undefined);
      wal = undefined;
      await current?.handle.close();
    },
  };
}
