import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { BundleInput, Problem } from '../../engine/index.js';

/** A municipality folder's files as text: what the verifier thread gets (strings cross threads cheaply). */
export interface BundleFiles {
  gemeente: string;
  files: { file: string; text: string }[];
}

/**
 * Reads one municipality's folder: every `<id>.json` tree, `services.json`, `gemeente.json`,
 * `profile.json` and `invariants.json`. Scenario files (`*.scenarios.json`, also in sub-folders) are not
 * trees and are left to the scenario runner.
 * JSON that does not parse becomes a problem with the parser's message, like any other.
 */
export async function readBundle(dir: string): Promise<ParsedBundle> {
  return parseBundle(await readBundleFiles(dir));
}

export async function readBundleFiles(dir: string): Promise<BundleFiles> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.json') && !f.endsWith('.scenarios.json')).sort();
  const files = await Promise.all(names.map(async (file) => ({ file, text: await readFile(join(dir, file), 'utf8') })));
  return { gemeente: basename(dir), files };
}

/**
 * The files of a folder that are not trees but hold for all of them (CONTRACT.md: the sociale
 * kaart, the profile, the invariants, the municipality's settings).
 */
export const SHARED_FILES = new Set(['services.json', 'profile.json', 'invariants.json', 'gemeente.json']);

export interface ParsedBundle {
  input: BundleInput;
  problems: Problem[];
  /**
   * The trees (file names without .json) whose file did not parse. They are not in `input`, but
   * they are not gone either: the server keeps their previous version serving.
   */
  unreadable: string[];
  /** Shared files that did not parse: without them no tree of the folder can be proved. */
  sharedUnreadable: string[];
}

export function parseBundle({ gemeente, files }: BundleFiles): ParsedBundle {
  const problems: Problem[] = [];
  const unreadable: string[] = [];
  const sharedUnreadable: string[] = [];
  const input: BundleInput = { gemeente, trees: [], services: null };
  for (const { file, text } of files) {
    const json = parseJson(text, `${gemeente}/${file}`, problems);
    if (json === undefined) {
      if (SHARED_FILES.has(file)) sharedUnreadable.push(file);
      else unreadable.push(file.slice(0, -'.json'.length));
      continue;
    }
    if (file === 'services.json') input.services = json;
    else if (file === 'gemeente.json') input.config = json;
    else if (file === 'profile.json') input.profile = json;
    else if (file === 'invariants.json') input.invariants = json;
    else input.trees.push({ name: file.slice(0, -'.json'.length), json });
  }
  // A file that does not parse is reported as such, not also as missing.
  const anyUnreadable = problems.length > 0;
  if (input.services === null && !anyUnreadable) {
    problems.push({
      code: 'services-missing',
      severity: 'warning',
      where: `${gemeente}/services.json`,
      pointer: '',
      message: 'No sociale kaart (services.json) in this folder: service references cannot be checked.',
    });
  }
  if (input.config === undefined && !anyUnreadable) {
    problems.push({
      code: 'gemeente-config-missing',
      severity: 'warning',
      where: `${gemeente}/gemeente.json`,
      pointer: '',
      message:
        'No gemeente.json in this folder: residents are told to call "de gemeente" without a number. Add it with the contact centre, help bar and their sources (trees/schema/gemeente.schema.json).',
    });
  }
  return { input, problems, unreadable, sharedUnreadable };
}

export async function readJson(path: string, where: string, problems: Problem[]): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    problems.push({
      code: 'json-syntax',
      severity: 'error',
      where,
      pointer: '',
      message: `Cannot read the file: ${(err as Error).message}.`,
    });
    return undefined;
  }
  return parseJson(text, where, problems);
}

function parseJson(text: string, where: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    problems.push({
      code: 'json-syntax',
      severity: 'error',
      where,
      pointer: '',
      message: `Not valid JSON: ${(err as Error).message}. Fix the syntax (an editor with the JSON schema shows where); the previous version keeps serving meanwhile.`,
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
