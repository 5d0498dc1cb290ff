// Bundles the resident widget into the one file a municipal page loads:
//   <script type="module" src="https://<server>/widget/vraag-wijzer.js"></script>
// That URL is a tiny entry module pointing at the content-hashed bundle (scripts/lib/publish-bundle.ts).
// Prints raw and gzip size; the budget is 35 KB gzip (issue 5) and the build fails above it.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { publishBundle } from './lib/publish-bundle.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const WIDGET_DIR = resolve(root, 'dist/widget');
const BUDGET_GZIP = 35 * 1024;

export async function buildWidget(): Promise<{ bytes: number; gzip: number; hashed: string }> {
  await mkdir(WIDGET_DIR, { recursive: true });
  const result = await build({
    entryPoints: { 'vraag-wijzer': resolve(root, 'widget/index.ts') },
    outdir: WIDGET_DIR,
    entryNames: '[name]-[hash]',
    // The panels loaded on first use (widget/vraag-wijzer.ts LAZY) become chunks beside the bundle.
    splitting: true,
    chunkNames: '[name]-[hash]',
    metafile: true,
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2021', 'chrome100', 'firefox100', 'safari15'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    // Lit's dev-mode warnings are for developers; the production build must not ship them.
    conditions: ['production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const { hashed, code, imports } = await publishBundle(result, WIDGET_DIR, 'vraag-wijzer.js');
  // The budget counts what a first visit loads: the bundle and the chunks it imports statically.
  const loaded = [code, ...imports.map((f) => f.code)];
  return {
    bytes: loaded.reduce((n, c) => n + c.length, 0),
    gzip: loaded.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
    hashed,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { bytes, gzip, hashed } = await buildWidget();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`dist/widget/${hashed}  ${kb(bytes)}  (gzip ${kb(gzip)}, budget ${kb(BUDGET_GZIP)})`);
  if (gzip > BUDGET_GZIP) {
    console.error(
      `widget-too-large: the bundle is ${kb(gzip)} gzip, over the ${kb(BUDGET_GZIP)} budget. Look for a new dependency in widget/ and drop it.`,
    );
    process.exit(1);
  }
}
