// npm run bench [engine|server|widget|verify|wal|login-burst…] – runs the benchmarks and prints one table. Every ratio
// compares with a baseline measured in the same run on the same machine; nothing is asserted in tests.
import type { Row } from './stats.js';
import { formatTable } from './table.js';

const suites: Record<string, () => Promise<{ run: () => Promise<Row[]> }>> = {
  engine: () => import('./engine.js'),
  server: () => import('./server.js' as string),
  widget: () => import('./widget.js' as string),
  verify: () => import('./verify.js'),
  wal: () => import('./wal.js'),
  'login-burst': () => import('./login-burst.js'),
};

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(suites);
const rows: (Row & { suite: string })[] = [];
for (const name of wanted) {
  const load = suites[name];
  if (!load) {
    console.error(`unknown bench "${name}"; choose from ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  try {
    const suite = await load();
    process.stderr.write(`running ${name}…\n`);
    for (const row of await suite.run()) rows.push({ ...row, suite: name });
  } catch (err) {
    console.error(`bench ${name} failed: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const ratio = (r: Row) => {
  if (!r.baseline) return '';
  // autocannon reports whole milliseconds: a 0 is "under 1 ms", not a ratio.
  if (r.value === 0 || r.baseline.value === 0) return '–';
  const x = r.better === 'higher' ? r.value / r.baseline.value : r.baseline.value / r.value;
  return `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;
};
const table = [
  ['suite', 'measure', 'value', 'baseline (same run)', 'ratio (× better)', 'target', 'met'],
  ...rows.map((r) => [
    r.suite,
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit}` : '',
    ratio(r),
    r.target ?? '',
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  ]),
];
console.log(formatTable(table));
