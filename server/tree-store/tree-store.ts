import { formatProblem, verifyBundle, type BundleInput, type GemeenteConfig, type Problem } from '../../engine/index.js';
import type { TreeHead, TreeRepo } from '../db/tree-repo.js';
import type { Logger } from '../logger.js';
import { contentHash } from './canonical-hash.js';
import { readBundle } from './read-bundle.js';
import { serveTree, type ServedTree } from './served-tree.js';

export interface TreeStoreOptions {
  dirs: string[];
  repo: TreeRepo;
  logger: Logger;
  clock: () => Date;
  serveDrafts: boolean;
}

export interface ReloadReport {
  /** Trees that now serve a new version. */
  updated: string[];
  /** Trees whose files were refused; the previous good version (if any) keeps serving. */
  refused: { tree: string; problems: Problem[] }[];
  serving: string[];
}

/**
 * The trees new sessions start on, and every version a session ever ran on. Reloading reads the
 * municipality folders again; a tree that does not verify is refused with all its problems
 * logged and its previous version keeps serving – also across restarts, through tree_heads.
 */
export function createTreeStore(opts: TreeStoreOptions) {
  const { repo, logger } = opts;
  const heads = new Map<string, ServedTree>();
  const pinned = new Map<string, ServedTree>();
  /** Per municipality, the bundle its newest served trees come from: its gemeente.json is the one shown. */
  const newestBundle = new Map<string, string>();
  let reloading: Promise<ReloadReport> = Promise.resolve({ updated: [], refused: [], serving: [] });
  let loaded = false;

  async function reloadOnce(): Promise<ReloadReport> {
    const report: ReloadReport = { updated: [], refused: [], serving: [] };
    const stored = new Map((await repo.heads()).map((h) => [h.tree, h]));
    const onDisk = new Set<string>();
    for (const dir of opts.dirs) {
      const { input, problems: readProblems } = await readBundle(dir);
      const verified = verifyBundle(input);
      // A gemeente.json that does not parse refuses the bundle like one that fails its checks:
      // served without it, the trees would lose the municipality's numbers.
      if (readProblems.some((p) => p.severity === 'error' && p.where === `${input.gemeente}/gemeente.json`)) verified.graphs.clear();
      const problems = [...readProblems, ...verified.problems];
      for (const p of problems)
        logger[p.severity === 'error' ? 'error' : 'warn']({ code: p.code, where: p.where, pointer: p.pointer }, formatProblem(p));
      const bundleHash = contentHash(input);
      let saved = false;
      for (const tree of verified.trees.values()) {
        if (tree.door === 'sub' || (tree.status !== 'published' && !opts.serveDrafts)) continue;
        const id = `${input.gemeente}/${tree.id}`;
        onDisk.add(id);
        const served = serveTree(input, verified, tree.id, bundleHash);
        const previous = heads.get(id) ?? stored.get(id);
        const refusal = served ? versionProblem(served, previous) : undefined;
        if (!served || refusal) {
          const own = refusal ? [refusal] : problems.filter((p) => p.severity === 'error');
          report.refused.push({ tree: id, problems: own });
          logger.error(
            { tree: id, errors: own.length, keeps: previous?.version ?? null },
            `Tree ${id} refused; ${previous ? `version ${previous.version} keeps serving` : 'it is not served'}.`,
          );
          if (!heads.has(id) && previous) await restoreHead(previous as TreeHead);
          continue;
        }
        if (previous && previous.bundleHash === bundleHash) {
          if (!heads.has(id)) heads.set(id, served);
          pinned.set(pinKey(bundleHash, id), served);
          continue;
        }
        if (!saved) await repo.saveBundle(bundleHash, input, opts.clock().toISOString());
        saved = true;
        await repo.setHead({
          tree: id,
          bundleHash,
          contentHash: served.contentHash,
          key: served.compiled.key,
          version: served.version,
          since: opts.clock().toISOString(),
        });
        heads.set(id, served);
        pinned.set(pinKey(bundleHash, id), served);
        report.updated.push(id);
        logger.info(
          { tree: id, version: served.version, bundle: bundleHash.slice(0, 12) },
          `Tree ${id}@${served.version} serves new sessions.`,
        );
      }
      for (const head of heads.values())
        if (head.gemeente === input.gemeente && head.bundleHash === bundleHash) newestBundle.set(head.gemeente, bundleHash);
    }
    // A tree whose file was removed stops taking new sessions; running sessions keep their version.
    for (const id of heads.keys()) if (!onDisk.has(id)) heads.delete(id);
    report.serving = [...heads.keys()].sort();
    loaded = true;
    return report;
  }

  async function restoreHead(head: TreeHead): Promise<void> {
    const served = await byHash(head.bundleHash, head.tree);
    if (served) heads.set(head.tree, served);
  }

  /** The exact version a session runs on, from memory or rebuilt from the stored bundle. */
  async function byHash(bundleHash: string, id: string): Promise<ServedTree | undefined> {
    const key = pinKey(bundleHash, id);
    const hit = pinned.get(key);
    if (hit) return hit;
    const input: BundleInput | undefined = await repo.bundle(bundleHash);
    if (!input) return undefined;
    const served = serveTree(input, verifyBundle(input), id.slice(input.gemeente.length + 1), bundleHash);
    if (served) pinned.set(key, served);
    return served;
  }

  return {
    /** Serialised: a SIGHUP during a reload queues another one instead of interleaving. */
    reload(): Promise<ReloadReport> {
      reloading = reloading.then(reloadOnce, reloadOnce);
      return reloading;
    },
    get ready() {
      return loaded && heads.size > 0;
    },
    list: (): ServedTree[] => [...heads.values()].sort((a, b) => a.id.localeCompare(b.id)),
    head: (id: string): ServedTree | undefined => heads.get(id),
    /**
     * A municipality's gemeente.json as served (null: it has none; undefined: no tree of it serves).
     * A refused bundle never gets here, so a broken file leaves the previous config in place.
     */
    config(gemeente: string): GemeenteConfig | null | undefined {
      const own = [...heads.values()].filter((h) => h.gemeente === gemeente);
      if (!own.length) return undefined;
      return (own.find((h) => h.bundleHash === newestBundle.get(gemeente)) ?? own[0]!).config;
    },
    byHash,
  };
}

export type TreeStore = ReturnType<typeof createTreeStore>;

const pinKey = (bundleHash: string, id: string) => `${bundleHash}:${id}`;

/**
 * Sessions are pinned by version: the same version with other content would replay differently,
 * so an edit without a version bump is refused.
 */
function versionProblem(
  next: ServedTree,
  previous: { key?: string; contentHash: string; version: string; compiled?: { key: string } } | undefined,
): Problem | undefined {
  if (!previous) return undefined;
  const previousKey = previous.compiled?.key ?? previous.key;
  if (previousKey !== next.compiled.key || previous.contentHash === next.contentHash) return undefined;
  return {
    code: 'version-not-bumped',
    severity: 'error',
    where: next.id,
    pointer: '/version',
    message: `${next.id} (or a sub-flow it uses) changed but kept version ${next.version}. Raise "version" of every changed tree; running sessions stay on the old one.`,
  };
}
