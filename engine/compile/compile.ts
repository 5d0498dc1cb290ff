import type { AnyStateMachine } from 'xstate';
import type { ServiceCatalog } from '../schema/services-schema.js';
import type { Tree } from '../schema/tree-schema.js';
import { aheadIndex, stepsAhead, type AheadIndex } from './depth.js';
import type { FlatGraph } from './flat-graph.js';
import { toMachine } from './machine.js';
import { stepper, type Stepper } from './step.js';

/** A tree bundle ready to run: the flat graph, its XState machine and what the UI needs per node. */
export interface CompiledTree {
  key: string;
  treeId: string;
  treeVersion: string;
  gemeente: string;
  root: Tree;
  graph: FlatGraph;
  machine: AnyStateMachine;
  /** Initial snapshot and pure transitions of `machine`, without per-step actor set-up. */
  step: Stepper;
  services: Map<string, ServiceCatalog['services'][number]>;
  /** Most resident steps still ahead of each node. */
  ahead: Map<string, number>;
  /** For the progress indication's expected steps ahead (expectedAhead). */
  aheadIndex: AheadIndex;
}

const cache = new Map<string, CompiledTree>();

/**
 * Compiles once per tree version (`gemeente/id@version`, the sub-flows' versions and the sociale
 * kaart's content). A new version gets a new entry, so sessions on the old version keep their
 * machine for as long as the caller holds it.
 */
export function compile(graph: FlatGraph, services: ServiceCatalog | null): CompiledTree {
  const root = graph.trees.get(graph.rootTree)!;
  // profile.json is part of what runs (its questions are asked at the gates), like the sociale kaart.
  const key = `${graph.gemeente}/${graph.rootTree}@${graph.rootVersion}#${fingerprint(graph)}#${hashText(JSON.stringify(services ?? null))}#${hashText(JSON.stringify(graph.profile ?? null))}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const machine = toMachine(graph);
  const compiled: CompiledTree = {
    key,
    treeId: `${graph.gemeente}/${graph.rootTree}`,
    treeVersion: graph.rootVersion,
    gemeente: graph.gemeente,
    root,
    graph,
    machine,
    step: stepper(machine),
    services: new Map((services?.services ?? []).map((s) => [s.id, s])),
    ahead: stepsAhead(graph),
    aheadIndex: aheadIndex(graph),
  };
  cache.set(key, compiled);
  return compiled;
}

/** FNV-1a: the sociale kaart can change without a tree version bump, and must not be served stale. */
function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Sub-flow versions are part of what a session runs on, so the cache key includes every inlined
 * tree's version, not only the root's.
 */
function fingerprint(graph: FlatGraph): string {
  const used = new Set<string>();
  for (const n of graph.nodes.values()) used.add(n.treeId);
  return [...used]
    .sort()
    .map((id) => `${id}@${graph.trees.get(id)!.version}`)
    .join(',');
}
