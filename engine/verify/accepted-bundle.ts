import type { FlatGraph } from '../compile/flat-graph.js';
import { flatten } from '../compile/flatten.js';
import { ServiceCatalog } from '../schema/services-schema.js';
import { Tree } from '../schema/tree-schema.js';
import { verifyGemeenteConfig } from './gemeente-checks.js';
import { parseProfile } from './profile-checks.js';
import type { BundleInput, VerifiedBundle } from './verify-bundle.js';

/**
 * The graphs of the trees a verifyBundle run elsewhere (the server's verifier thread) accepted,
 * rebuilt from the same input without exploring again: parsing and inlining take milliseconds,
 * the exploration is what takes long. Only the caller knows the verdict is for this very input.
 */
export function acceptedBundle(input: BundleInput, accepted: readonly string[]): VerifiedBundle {
  const trees = new Map<string, Tree>();
  for (const file of input.trees) {
    const parsed = Tree.safeParse(file.json);
    if (parsed.success && parsed.data.id === file.name) trees.set(file.name, parsed.data);
  }
  const catalog = input.services === null ? null : ServiceCatalog.safeParse(input.services);
  // Problems were reported by the verifier thread; here only the parsed values are wanted.
  const profile = parseProfile(input.profile, input.gemeente, []);
  const config = input.config == null ? null : verifyGemeenteConfig(input.config, input.gemeente).config;
  const graphs = new Map<string, FlatGraph>();
  for (const id of accepted) {
    const { graph } = flatten(trees, id, profile);
    if (graph) graphs.set(id, graph);
  }
  return {
    gemeente: input.gemeente,
    trees,
    services: catalog?.success ? catalog.data : null,
    config,
    profile,
    graphs,
    explorations: new Map(),
    // The proof ran in the verifier thread; its results are in that thread's problems.
    invariants: [],
    proofStates: 0,
    problems: [],
  };
}
