import { compile, type BundleInput, type CompiledTree, type GemeenteConfig, type Tree, type VerifiedBundle } from '../../engine/index.js';
import { contentHash } from './canonical-hash.js';

/** One tree as the server runs it: compiled, and pinned to the exact bundle it came from. */
export interface ServedTree {
  /** "haarlem/start" */
  id: string;
  gemeente: string;
  version: string;
  bundleHash: string;
  /** Hash of this tree and every sub-flow it inlines (not the sociale kaart). */
  contentHash: string;
  root: Tree;
  /** The authored JSON of the root tree, as published. */
  source: unknown;
  uses: { id: string; version: string }[];
  compiled: CompiledTree;
  /** The bundle's gemeente.json, verified (null: none, clients use generic words). */
  config: GemeenteConfig | null;
}

/**
 * Compiles `treeId` from a verified bundle. Returns undefined when the verifier gave it no graph
 * (it has errors). The engine caches compiled trees by version only, so the bundle's own sociale
 * kaart is put back on a copy: a session sees the service details of the bundle it runs on.
 */
export function serveTree(input: BundleInput, verified: VerifiedBundle, treeId: string, bundleHash: string): ServedTree | undefined {
  const graph = verified.graphs.get(treeId);
  const root = verified.trees.get(treeId);
  if (!graph || !root) return undefined;
  const used = new Set<string>();
  for (const n of graph.nodes.values()) used.add(n.treeId);
  used.add(treeId);
  const json = new Map(input.trees.map((t) => [t.name, t.json]));
  const ids = [...used].sort();
  const compiled = compile(graph, verified.services);
  return {
    id: `${input.gemeente}/${treeId}`,
    gemeente: input.gemeente,
    version: root.version,
    bundleHash,
    contentHash: contentHash(ids.map((id) => json.get(id))),
    root,
    source: json.get(treeId),
    uses: ids.filter((id) => id !== treeId).map((id) => ({ id, version: verified.trees.get(id)!.version })),
    compiled,
    config: verified.config,
  };
}
