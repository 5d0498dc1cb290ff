import type { Kysely } from 'kysely';
import type { BundleInput } from '../../engine/index.js';
import { jsonText } from '../tree-store/json-text.js';
import type { Database } from './schema.js';

export interface TreeHead {
  tree: string;
  bundleHash: string;
  contentHash: string;
  key: string;
  version: string;
  since: string;
}

/** Every bundle that ever served, so a session replays on its exact version after any restart. */
export function treeRepo(db: Kysely<Database>) {
  return {
    async saveBundle(hash: string, bundle: BundleInput, at: string): Promise<void> {
      await db
        .insertInto('tree_versions')
        .values({ hash, gemeente: bundle.gemeente, bundle: jsonText(bundle), created_at: at })
        .onConflict((oc) => oc.column('hash').doNothing())
        .execute();
    },

    async bundle(hash: string): Promise<BundleInput | undefined> {
      const row = await db.selectFrom('tree_versions').select('bundle').where('hash', '=', hash).executeTakeFirst();
      return row && (JSON.parse(row.bundle) as BundleInput);
    },

    async heads(): Promise<TreeHead[]> {
      const rows = await db.selectFrom('tree_heads').selectAll().execute();
      return rows.map((r) => ({
        tree: r.tree,
        bundleHash: r.bundle_hash,
        contentHash: r.content_hash,
        key: r.key,
        version: r.version,
        since: r.since,
      }));
    },

    async setHead(h: TreeHead): Promise<void> {
      const values = {
        tree: h.tree,
        bundle_hash: h.bundleHash,
        content_hash: h.contentHash,
        key: h.key,
        version: h.version,
        since: h.since,
      };
      await db
        .insertInto('tree_heads')
        .values(values)
        .onConflict((oc) =>
          oc
            .column('tree')
            .doUpdateSet({ bundle_hash: h.bundleHash, content_hash: h.contentHash, key: h.key, version: h.version, since: h.since }),
        )
        .execute();
    },
  };
}

export type TreeRepo = ReturnType<typeof treeRepo>;
