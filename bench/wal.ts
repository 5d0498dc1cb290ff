// npm run bench wal – the WAL restart under steady writes (checkpointer.ts). Under writes that never
// pause the log is never fully copied at the moment a write begins, so SQLite alone never starts it
// over and the -wal file grows without end (350 MB in 10 s of the first server bench). With the
// restart the file stays small. A measurement of a busy second, so it lives here, not in a test.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../server/db/connect.js';
import type { Row } from './stats.js';

const SECONDS = 1;
const WRITERS = 20;

/** SECONDS of WRITERS plans that never pause; the size the -wal file reached. */
async function walAfterLoad(dir: string, name: string, restartFrames: number): Promise<number> {
  const busy = await connect(`sqlite:${join(dir, name)}`, { checkpoints: { intervalMs: 100, restartFrames } });
  try {
    let n = 0;
    const until = Date.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (Date.now() < until) {
          const hash = `h${n++}`;
          // As answers write: plans, group-committed in the writer thread.
          await busy.committer.apply({
            statements: [
              {
                query: busy.kysely
                  .insertInto('tree_versions')
                  .values({ hash, gemeente: 'g', bundle: 'x'.repeat(2000), created_at: 'now' })
                  .compile(),
              },
            ],
          });
        }
      }),
    );
    return statSync(join(dir, `${name}-wal`)).size;
  } finally {
    await busy.close();
  }
}

export async function run(): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vw-bench-wal-'));
  try {
    const unbounded = await walAfterLoad(dir, 'control.db', Number.MAX_SAFE_INTEGER);
    const bounded = await walAfterLoad(dir, 'restarting.db', 50);
    const mb = (bytes: number) => Math.round(bytes / 10_000) / 100;
    return [
      {
        name: `-wal file after ${SECONDS} s of ${WRITERS} writers, restart from 50 frames`,
        value: mb(bounded),
        unit: 'MB',
        baseline: { name: 'never restarted', value: mb(unbounded) },
        better: 'lower',
        target: '< 1/3 of never restarted',
        pass: bounded < unbounded / 3,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
