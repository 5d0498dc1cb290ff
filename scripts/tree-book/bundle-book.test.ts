import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyBundle } from '../../engine/index.js';
import { readBundle } from '../../server/tree-store/read-bundle.js';
import { bundleBook, TreeBookError } from './bundle-book.js';
import { dutch, dutchLabel } from './dutch.js';

const DEMO = 'test/fixtures/demo';
const GOLDEN = 'scripts/tree-book/golden/demo';

async function demoBundle() {
  const { input } = await readBundle(DEMO);
  return { input, bundle: verifyBundle(input) };
}

describe('tree book of the demo fixture', () => {
  it('matches the committed golden files (UPDATE_GOLDEN=1 rewrites them after a deliberate change)', async () => {
    const { files } = bundleBook((await demoBundle()).bundle);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(GOLDEN, { recursive: true });
      for (const [name, content] of files) writeFileSync(join(GOLDEN, name), content);
    }
    expect(readdirSync(GOLDEN).sort()).toEqual([...files.keys()].sort());
    for (const [name, content] of files) expect(content, name).toBe(readFileSync(join(GOLDEN, name), 'utf8'));
  });

  it('is deterministic: two runs give the same bytes', async () => {
    const a = bundleBook((await demoBundle()).bundle).files;
    const b = bundleBook((await demoBundle()).bundle).files;
    expect([...a]).toEqual([...b]);
  });

  it('documents every question, option, advice item, service and route of every tree', async () => {
    const { bundle } = await demoBundle();
    const { files, gaps } = bundleBook(bundle);
    expect(gaps).toEqual([]);
    for (const tree of bundle.trees.values()) {
      const page = files.get(`${tree.id}.md`)!;
      for (const [id, node] of Object.entries(tree.nodes)) {
        expect(page, `${tree.id}#${id}`).toContain(`<a id="${id}"></a>`);
        if (node.kind === 'question') {
          expect(page).toContain(`> ${dutch(node.text)}`);
          if ('options' in node.input) for (const o of node.input.options) expect(page).toContain(`| ${dutch(o.label)} |`);
        }
        if (node.kind === 'advice') {
          for (const item of node.items) {
            expect(page).toContain(`#### ${dutchLabel(item.title)}`);
            expect(page).toContain(`**Waarom dit advies:** ${dutch(item.why)}`);
            for (const s of item.services ?? [])
              expect(page).toContain(`**${bundle.services!.services.find((x) => x.id === s)!.name.nl}**`);
          }
        }
        if ('next' in node && typeof node.next === 'object' && node.next) expect(page).toContain('in alle andere gevallen →');
      }
    }
  });

  it('has no broken links: every page and anchor it points to exists', async () => {
    const { files } = bundleBook((await demoBundle()).bundle);
    for (const [name, content] of files) {
      for (const [, file] of content.matchAll(/\]\(([a-z0-9-]+\.md)\)/g)) expect(files.has(file!), `${name} → ${file}`).toBe(true);
      for (const [, anchor] of content.matchAll(/\]\(#([a-z0-9-]+)\)/g))
        expect(content, `${name} → #${anchor}`).toContain(`<a id="${anchor}"></a>`);
    }
  });

  it('refuses a bundle that does not verify, naming the problem and how to fix it', async () => {
    const { input } = await demoBundle();
    const broken = structuredClone(input);
    const start = broken.trees.find((t) => t.name === 'start')!.json as { nodes: { deur: { next: { otherwise: string } } } };
    start.nodes.deur.next.otherwise = 'bestaat-niet';
    let error: unknown;
    try {
      bundleBook(verifyBundle(broken));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TreeBookError);
    expect((error as TreeBookError).code).toBe('tree-book-unverified');
    expect((error as Error).message).toContain('unknown-target');
    expect((error as Error).message).toContain('npm run trees:check');
  });

  it('refuses an empty folder', () => {
    expect(() => bundleBook(verifyBundle({ gemeente: 'leeg', trees: [], services: null }))).toThrow(/no trees found/);
  });
});
