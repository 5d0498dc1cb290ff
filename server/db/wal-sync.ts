import { open, stat, type FileHandle } from 'node:fs/promises';

interface OpenWal {
  handle: FileHandle;
  ino: number;
}

/**
 * fdatasync of a WAL-mode SQLite database's `-wal` file, asynchronously. With SQLite's own
 * synchronous=FULL the fsync runs inside COMMIT and blocks the event loop for its whole length;
 * with synchronous=NORMAL plus this sync after COMMIT (and before any 2xx) the committed frames are
 * just as durable, but the wait happens on the thread pool. Checkpoints sync the WAL and the
 * database file themselves in either mode.
 */
export function walSync(databasePath: string): { sync(): Promise<void>; close(): Promise<void> } {
  const path = `${databasePath}-wal`;
  let wal: Promise<OpenWal> | undefined;

  const openWal = async (): Promise<OpenWal> => {
    const handle = await open(path, 'r');
    return { handle, ino: (await handle.stat()).ino };
  };

  async function sync(): Promise<void> {
    // Opened lazily: the -wal file exists once the first transaction has been written to it.
    wal ??= openWal();
    const current = await wal;
    await current.handle.datasync();
    // SQLite deletes the -wal file when the last connection closes; should another process have
    // made that happen, a new file has taken the name and the sync above reached the old one.
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
        throw new Error(`The write-ahead log could not be made durable (${(err as Error).message}); the write was not acknowledged.`, {
          cause: err,
        });
      }
    },
    async close() {
      const current = await wal?.catch(() => undefined);
      wal = undefined;
      await current?.handle.close();
    },
  };
}
