import { acceptedBundle, formatProblem, type BundleInput, type GemeenteConfig, type Problem } from '../../engine/index.js';
import type { TreeHead, TreeRepo } from '../db/tree-repo.js';
import type { Logger } from '../logger.js';
import type { BundleVerifier, Verdict, VerifyJob } from './bundle-verifier.js';
import { contentHash } from './canonical-hash.js';
import { jsonText } from './json-text.js';
import { parseBundle, readBundleFiles } from './read-bundle.js';
import { serveTree, type ServedTree } from './served-tree.js';

export interface TreeStoreOptions {
  dirs: string[];
  repo: TreeRepo;
  logger: Logger;
  clock: () => Date;
  serveDrafts: boolean;
  /** Runs the verifier; the server's runs in a worker thread (bundle-verifier.ts). */
  verify: BundleVerifier;
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
  let lastRefused: ReloadReport['refused'] = [];
  const rebuilding = new Map<string, Promise<ServedTree | undefined>>();

  async function reloadOnce(): Promise<ReloadReport> {
    const report: ReloadReport = { updated: [], refused: [], serving: [] };
    const stored = new Map((await repo.heads()).map((h) => [h.tree, h]));
    const onDisk = new Set<string>();
    for (const dir of opts.dirs) {
      const files = await readBundleFiles(dir);
      const { input, problems: readProblems, unreadable, sharedUnreadable } = parseBundle(files);
      logger.debug({ gemeente: input.gemeente }, `Verifying ${input.gemeente}…`);
      // A shared file that does not parse (services.json, invariants.json…) would leave every tree
      // checked against nothing: refuse them all, and the previous versions keep serving.
      const verdict = sharedUnreadable.length
        ? { problems: [], accepted: [], states: {}, ms: 0 }
        : await verdictOf({ files }, input.gemeente);
      const verified = acceptedBundle(input, verdict.accepted);
      const problems = [...readProblems, ...verdict.problems];
      for (const p of problems)
        logger[p.severity === 'error' ? 'error' : 'warn']({ code: p.code, where: p.where, pointer: p.pointer }, formatProblem(p));
      const states = Object.values(verdict.states).reduce((a, b) => a + b, 0);
      logger.info({ gemeente: input.gemeente, ms: Math.round(verdict.ms), states }, `Verified ${input.gemeente}: ${states} answer states.`);
      const bundleHash = contentHash(input);
      let saved = false;
      // Every tree file on disk, also one that does not parse or fails the schema: a broken file
      // is refused and its previous version keeps serving; only a removed file stops a tree.
      for (const name of [...input.trees.map((t) => t.name), ...unreadable]) {
        const tree = verified.trees.get(name);
        if (tree && (tree.door === 'sub' || (tree.status !== 'published' && !opts.serveDrafts))) continue;
        const id = `${input.gemeente}/${name}`;
        onDisk.add(id);
        const served = tree ? serveTree(input, verified, tree.id, bundleHash) : undefined;
        const previous = heads.get(id) ?? stored.get(id);
        const refusal = served ? versionProblem(served, previous) : undefined;
        if (!served || refusal) {
          const own = refusal ? [refusal] : problemsOf(id, problems);
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
    lastRefused = report.refused;
    loaded = true;
    return report;
  }

  /** The verifier's verdict; a verifier that fails (its thread ran out of memory) refuses everything. */
  async function verdictOf(job: VerifyJob, gemeente: string): Promise<Verdict> {
    const started = performance.now();
    try {
      return await opts.verify(job);
    } catch (err) {
      const problem: Problem = {
        code: 'verify-failed',
        severity: 'error',
        where: gemeente,
        pointer: '',
        message: `The verifier stopped without a verdict (${(err as Error).message}); no tree of ${gemeente} is updated. Lower VERIFY_MAX_STATES, or look for the tree that grew.`,
      };
      return { problems: [problem], accepted: [], states: {}, ms: performance.now() - started };
    }
  }

  async function restoreHead(head: TreeHead): Promise<void> {
    const served = await byHash(head.bundleHash, head.tree);
    if (served) heads.set(head.tree, served);
  }

  /** The exact version a session runs on, from memory or rebuilt (and verified again) from the stored bundle. */
  function byHash(bundleHash: string, id: string): Promise<ServedTree | undefined> {
    const key = pinKey(bundleHash, id);
    const hit = pinned.get(key);
    if (hit) return Promise.resolve(hit);
    // Sessions on one old version ask at once after a restart: one verification serves them all.
    let pending = rebuilding.get(key);
    if (!pending) {
      pending = rebuild(bundleHash, id).finally(() => rebuilding.delete(key));
      rebuilding.set(key, pending);
    }
    return pending;
  }

  async function rebuild(bundleHash: string, id: string): Promise<ServedTree | undefined> {
    const input: BundleInput | undefined = await repo.bundle(bundleHash);
    if (!input) return undefined;
    const verdict = await verdictOf({ stored: jsonText(input) }, input.gemeente);
    const served = serveTree(input, acceptedBundle(input, verdict.accepted), id.slice(input.gemeente.length + 1), bundleHash);
    if (served) pinned.set(pinKey(bundleHash, id), served);
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
    /** The trees the last reload refused (the previous version, if any, still serving). */
    refused: (): ReloadReport['refused'] => lastRefused,
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

/** A refused tree's own errors; a tree that fails through a sub-flow gets the bundle's. */
function problemsOf(id: string, problems: Problem[]): Problem[] {
  const errors = problems.filter((p) => p.severity === 'error');
  const own = errors.filter((p) => p.where === id);
  return own.length ? own : errors;
}

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
