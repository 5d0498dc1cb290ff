import { describe, expect, it } from 'vitest';
import { walSync } from './wal-sync.mjs';

/** A -wal file whose fdatasync fails as often as asked, then succeeds again (the disk "recovered"). */
function flakyFiles(failures: number) {
  const calls = { datasync: 0 };
  const files = {
    async open() {
      return {
        async datasync() {
          calls.datasync++;
          if (failures-- > 0) throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
        },
        stat: async () => ({ ino: 1 }),
        close: async () => undefined,
      };
    },
    stat: async () => ({ ino: 1 }),
  };
  return { files, calls };
}

describe('the WAL sync after a writeback error', () => {
  it('a failed fdatasync is final: later syncs fail with the first error instead of reporting the lost frames saved', async () => {
    const { files, calls } = flakyFiles(1);
    const wal = walSync('/data/x.db', files);
    const first = await wal.sync().catch((err: unknown) => err as NodeJS.ErrnoException);
    expect(first).toBeInstanceOf(Error);
    expect(first?.message).toMatch(
      /write-ahead log could not be made durable \(EIO: i\/o error, fdatasync\); the write was not acknowledged/,
    );
    expect(first?.code).toBe('EIO');
    // The disk would answer "done" now – the sync must not ask it.
    await expect(wal.sync()).rejects.toBe(first);
    await expect(wal.sync()).rejects.toBe(first);
    expect(calls.datasync).toBe(1);
  });

  it('syncs as often as asked while the disk answers', async () => {
    const { files, calls } = flakyFiles(0);
    const wal = walSync('/data/x.db', files);
    await wal.sync();
    await wal.sync();
    expect(calls.datasync).toBe(2);
    await wal.close();
  });
});
