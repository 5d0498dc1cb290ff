// fdatasync of a WAL-mode SQLite database's `-wal` file, for the writer thread (writer-worker.mjs).
// With SQLite's own synchronous=FULL the fsync runs inside COMMIT and holds SQLite's lock for its
// whole length; with synchronous=NORMAL plus this sync after COMMIT (and before anyone hears of it)
// the committed frames are just as durable, and reads go on while the disk works. Checkpoints sync
// the WAL and the database file themselves.
import { open, stat } from 'node:fs/promises';

export function walSync(databasePath) {
  const path = `${databasePath}-wal`;
  let wal;

  const openWal = async () => {
    const handle = await open(path, 'r');
    return { handle, ino: (await handle.stat()).ino };
  };

  async function sync() {
    // Opened lazily: the -wal file exists once the first transaction has been written to it.
    wal ??= openWal();
    const current = await wal;
    await current.handle.datasync();
    // SQLite deletes the -wal file when the last connection closes; should another process (a CLI)
    // have made that happen, a new file has taken the name and the sync above reached the old one.
    if ((await stat(path)).ino !== current.ino) {
      wal = undefined;
      await current.handle.close();
      await sync();
    }
  }

  return {
    async sync() {
      try {
        await sync();
      } catch (err) {
        wal = undefined;
        throw Object.assign(
          new Error(`The write-ahead log could not be made durable (${err.message}); the write was not acknowledged.`, { cause: err }),
          { code: err.code },
        );
      }
    },
    async close() {
      const current = await wal?.catch(() => undefined);
      wal = undefined;
      await current?.handle.close();
    },
  };
}
