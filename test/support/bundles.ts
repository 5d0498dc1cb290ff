import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  answer,
  compile,
  start,
  verifyBundle,
  type BundleInput,
  type Channel,
  type CompiledTree,
  type SessionView,
  type VerifiedBundle,
} from '../../engine/index.js';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
export const TREES = new URL('../../trees/', import.meta.url).pathname;

const NOT_TREES = ['services.json', 'invariants.json', 'gemeente.json', 'profile.json'];

/** Synchronous read of a municipality folder (tests only; the server reads asynchronously). */
export function readInput(dir: string): BundleInput {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.scenarios.json'));
  const json = (f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
  return {
    gemeente: dir.replace(/\/$/, '').split('/').pop()!,
    trees: files.filter((f) => !NOT_TREES.includes(f)).map((f) => ({ name: f.slice(0, -5), json: json(f) })),
    services: files.includes('services.json') ? json('services.json') : null,
    ...(files.includes('gemeente.json') ? { config: json('gemeente.json') } : {}),
    profile: files.includes('profile.json') ? json('profile.json') : null,
    invariants: files.includes('invariants.json') ? json('invariants.json') : null,
  };
}

export const demoInput = () => readInput(join(FIXTURES, 'demo'));

export function demo(): { bundle: VerifiedBundle; compiled: (tree?: string) => CompiledTree } {
  const bundle = verifyBundle(demoInput());
  return { bundle, compiled: (tree = 'start') => compile(bundle.graphs.get(tree)!, bundle.services) };
}

/** Every shipped municipality folder that has trees, plus the demo, profile and plan fixtures. */
export function shippedDirs(): string[] {
  const dirs = readdirSync(TREES, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'schema')
    .map((e) => join(TREES, e.name))
    .filter((d) => readdirSync(d).some((f) => f.endsWith('.json') && !NOT_TREES.includes(f) && !f.endsWith('.scenarios.json')));
  return [join(FIXTURES, 'demo'), join(FIXTURES, 'profile'), join(FIXTURES, 'plan'), ...dirs];
}

/** A deep copy of a demo tree for a test to break. */
export function demoTree(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(FIXTURES, 'demo', `${name}.json`), 'utf8'));
}

/** Answers the given steps in order from a fresh session; throws on the first refusal. */
export function walkTo(compiled: CompiledTree, steps: [string, unknown][], channel: Channel = 'web'): SessionView {
  let view = start(compiled);
  for (const [node, value] of steps) {
    const r = answer(compiled, view, { node, value, at: '2026-11-22T10:00:00.000Z', channel });
    if (!r.ok) throw new Error(`${node}: ${r.error.message}`);
    view = r.value;
  }
  return view;
}
