// Reads a municipality's trees and its casus bank (trees/<gemeente>/casus/*.json) for the quality report
// and its tests. A casus file that does not parse or validate becomes an error naming the file and field.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compile, verifyBundle, type CompiledTree, type Problem, type VerifiedBundle } from '../../engine/index.js';
import { readBundle, readJson } from '../../server/tree-store/read-bundle.js';
import { CasusFile, type Casus } from './casus-schema.js';

export interface CasusBank {
  gemeente: string;
  bundle: VerifiedBundle;
  /** The compiled start tree of each casus file, by tree id (null: the tree has errors or does not exist). */
  compiled: Map<string, CompiledTree | null>;
  cases: { file: string; tree: string; casus: Casus }[];
  problems: Problem[];
}

export async function loadCasusBank(dir: string): Promise<CasusBank> {
  const { input, problems } = await readBundle(dir);
  const bundle = verifyBundle(input);
  problems.push(...bundle.problems);
  const bank: CasusBank = { gemeente: input.gemeente, bundle, compiled: new Map(), cases: [], problems };
  const casusDir = join(dir, 'casus');
  const files = (await readdir(casusDir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  for (const name of files) {
    const where = `${input.gemeente}/casus/${name}`;
    const json = await readJson(join(casusDir, name), where, problems);
    if (json === undefined) continue;
    const parsed = CasusFile.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({
          code: 'casus-schema',
          severity: 'error',
          where,
          pointer: `/${issue.path.join('/')}`,
          message: `${issue.message} (see trees/schema/casus.schema.json)`,
        });
      }
      continue;
    }
    const { tree } = parsed.data;
    if (!bank.compiled.has(tree)) {
      const graph = bundle.graphs.get(tree);
      bank.compiled.set(tree, graph ? compile(graph, bundle.services) : null);
      if (!graph) {
        problems.push({
          code: 'casus-tree',
          severity: 'error',
          where,
          pointer: '/tree',
          message: `Tree "${tree}" does not exist or has errors; name the tree residents start in (e.g. "start").`,
        });
      }
    }
    for (const casus of parsed.data.cases) bank.cases.push({ file: name, tree, casus });
  }
  if (!files.length) {
    problems.push({
      code: 'casus-missing',
      severity: 'error',
      where: `${input.gemeente}/casus/`,
      pointer: '',
      message: 'No casus files: add trees/<gemeente>/casus/*.json (see trees/haarlem/casus/README.md).',
    });
  }
  return bank;
}
