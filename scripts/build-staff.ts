// Bundles the staff pages' script and the coach page's service worker:
//   dist/staff/staff-<hash>.js – <vw-staff-app>, <vw-coach-app> and the widget elements they reuse,
//                               content-hashed and pre-compressed like the widget (lib/publish-bundle.ts);
//                               staff.js points at it, staff.manifest.json names it for the page shells
//   dist/staff/coach-sw.js     – served at /coach-sw.js (scope /coach)
import { build } from 'esbuild';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishBundle } from './lib/publish-bundle.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const STAFF_DIR = resolve(root, 'dist/staff');

export async function buildStaff(): Promise<Record<string, number>> {
  await mkdir(STAFF_DIR, { recursive: true });
  const common = {
    bundle: true,
    platform: 'browser' as const,
    target: ['es2021', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'none' as const,
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning' as const,
  };
  const result = await build({
    ...common,
    entryPoints: { staff: resolve(root, 'widget/staff/index.ts') },
    outdir: STAFF_DIR,
    entryNames: '[name]-[hash]',
    write: false,
    format: 'esm',
    sourcemap: 'linked',
  });
  const { hashed } = await publishBundle(result, STAFF_DIR, 'staff.js');
  // A classic script: module service workers are not supported everywhere yet.
  await build({
    ...common,
    entryPoints: [resolve(root, 'widget/staff/coach-sw.ts')],
    outfile: resolve(STAFF_DIR, 'coach-sw.js'),
    format: 'iife',
  });
  const sizes: Record<string, number> = {};
  for (const f of [hashed, 'coach-sw.js']) sizes[f] = (await stat(resolve(STAFF_DIR, f))).size;
  return sizes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = await buildStaff();
  for (const [f, n] of Object.entries(sizes)) console.log(`dist/staff/${f}  ${(n / 1024).toFixed(1)} KB`);
}
