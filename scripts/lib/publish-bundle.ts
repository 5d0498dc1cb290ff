// Writes an esbuild result the way a CDN serves it: the bundle under a content-hashed name (cached
// for a year, immutable), pre-compressed with brotli and gzip so the server never compresses per
// request, and a tiny stable entry module under the public name that a municipal page embeds and
// that points at the hashed file (short-lived cache, so a new release reaches residents quickly).
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { BuildResult } from 'esbuild';

export interface Published {
  /** The hashed file name, e.g. vraag-wijzer-3FJ2KQ7A.js */
  hashed: string;
  code: Uint8Array;
  /** The chunks the bundle imports statically (a split build): loaded with it, so pages preload them. */
  imports: { name: string; code: Uint8Array }[];
}

const COMPRESSIBLE = /\.(js|map|css)$/;

/**
 * `entry` is the public name (vraag-wijzer.js); the build must have used entryNames "[name]-[hash]"
 * and write: false. Tests build the bundle concurrently, so every file is written to a temporary
 * name and renamed: a reader never sees a half-written file.
 */
export async function publishBundle(result: BuildResult, outdir: string, entry: string): Promise<Published> {
  const stem = entry.replace(/\.js$/, '');
  let published: Published | undefined;
  for (const out of result.outputFiles ?? []) {
    const name = basename(out.path);
    if (new RegExp(`^${stem}-[A-Z0-9]+\\.js$`).test(name)) published = { hashed: name, code: out.contents, imports: [] };
    // A hashed name means the same content: a file already there is left alone.
    if (!existsSync(out.path)) await atomicWrite(out.path, out.contents);
    if (COMPRESSIBLE.test(name) && !existsSync(`${out.path}.br`)) {
      await atomicWrite(`${out.path}.gz`, gzipSync(out.contents, { level: 9 }));
      await atomicWrite(`${out.path}.br`, brotliCompressSync(out.contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
  if (!published) throw new Error(`The build wrote no ${stem}-<hash>.js; use entryNames "[name]-[hash]".`);
  // With a metafile, the chunks the bundle imports statically (transitively): they load with it.
  const outputs = result.metafile?.outputs ?? {};
  const key = Object.keys(outputs).find((k) => basename(k) === published!.hashed);
  const seen = new Set<string>();
  const visit = (k: string) => {
    for (const i of outputs[k]?.imports ?? [])
      if (i.kind === 'import-statement' && !seen.has(i.path)) {
        seen.add(i.path);
        visit(i.path);
      }
  };
  if (key) visit(key);
  const files = new Map((result.outputFiles ?? []).map((o) => [basename(o.path), o.contents]));
  published.imports = [...seen].map((k) => ({ name: basename(k), code: files.get(basename(k))! })).filter((f) => f.code);
  await atomicWrite(join(outdir, entry), `export * from './${published.hashed}';\n`);
  await atomicWrite(
    join(outdir, `${stem}.manifest.json`),
    JSON.stringify({ [entry]: published.hashed, imports: published.imports.map((f) => f.name) }) + '\n',
  );
  return published;
}

async function atomicWrite(path: string, data: string | Uint8Array) {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}`);
  await writeFile(tmp, data);
  await rename(tmp, path);
}
