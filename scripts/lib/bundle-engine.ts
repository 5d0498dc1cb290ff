import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';

/**
 * Bundles the engine for the browser the way a widget or an offline client would: no Node
 * polyfills, no externals. A Node import anywhere in engine/ makes this fail. `runtime` is what a
 * client loads; `index` adds the verifier (with zod) for tools that check trees in the browser.
 */
export async function bundleEngine(entry: 'runtime' | 'index' = 'runtime'): Promise<{ bytes: number; gzip: number; code: string }> {
  const result = await build({
    entryPoints: [new URL(`../../engine/${entry}.ts`, import.meta.url).pathname],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    logLevel: 'silent',
    target: 'es2022',
  });
  const code = result.outputFiles[0]!.text;
  return { bytes: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, code };
}
