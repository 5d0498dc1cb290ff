import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BundleInput, Problem } from '../../engine/index.js';

/**
 * Reads one municipality's folder: every `<id>.json` tree, `services.json` and `invariants.json`. Scenario files
 * (`*.scenarios.json`, also in sub-folders) are not trees and are left to the scenario runner.
 * JSON that does not parse becomes a problem with the parser's message, like any other.
 */
export async function readBundle(dir: string): Promise<{ input: BundleInput; problems: Problem[] }> {
  const gemeente = basename(dir);
  const problems: Problem[] = [];
  const names = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.scenarios.json')).sort();
  const input: BundleInput = { gemeente, trees: [], services: null };
  for (const file of names) {
    const json = await readJson(join(dir, file), `${gemeente}/${file}`, problems);
    if (json === undefined) continue;
    if (file === 'services.json') input.services = json;
    else if (file === 'invariants.json') input.invariants = json;
    else input.trees.push({ name: file.slice(0, -'.json'.length), json });
  }
  if (input.services === null && !problems.length) {
    problems.push({
      code: 'services-missing',
      severity: 'warning',
      where: `${gemeente}/services.json`,
      pointer: '',
      message: 'No sociale kaart (services.json) in this folder: service references cannot be checked.',
    });
  }
  return { input, problems };
}

export async function readJson(path: string, where: string, problems: Problem[]): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    problems.push({
      code: 'json-syntax',
      severity: 'error',
      where,
      pointer: '',
      message: `Not valid JSON: ${(err as Error).message}. Fix the syntax (an editor with the JSON schema shows where).`,
    });
    return undefined;
  }
}

/** The municipality folders under trees/ (everything but schema/). */
export async function gemeenteDirs(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && e.name !== 'schema')
    .map((e) => join(root, e.name))
    .sort();
}
