import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { ZgwConfig, ZgwTarget } from './zgw-config.js';

// Concern reports (signalering) as zaken, per receiving organisation (issue 21 point 3). What the
// municipality decides – which receivers get a zaak, of which zaaktype – lives with its trees in
// trees/<gemeente>/signalering/zgw.json; where its case system is and the secret stay in ZGW_CONFIG.
// A receiver not in the file, or a municipality without ZGW_CONFIG, keeps its reports local.

interface ConcernTarget extends ZgwTarget {
  zaakOmschrijving: string;
  documentTitel: string;
}
/** gemeente → receiving service id → its target. */
export type ConcernZgwConfig = Record<string, Record<string, ConcernTarget>>;

const CONCERN_ZGW_FILE = join('signalering', 'zgw.json');

const Receiver = z.strictObject({
  /** A Catalogi URL, or a path under ZGW_CONFIG.<gemeente>.catalogiUrl ("zaaktypen/<uuid>"). */
  zaaktype: z.string().min(1),
  informatieobjecttype: z.string().min(1),
  zaakOmschrijving: z.string().min(1).max(80),
  documentTitel: z.string().min(1).max(200),
});
const ConcernZgwFile = z.strictObject({
  $schema: z.string().optional(),
  gemeente: z.string().regex(/^[a-z][a-z0-9-]*$/),
  receivers: z.record(z.string().min(1), Receiver),
  sources: z.array(z.object({ seed: z.string().optional(), lines: z.string().optional(), url: z.string().optional() }).loose()).min(1),
});

/** Read once at start-up; a file or value that does not fit stops the server with the file and field named. */
export function concernZgwConfig(treeDirs: readonly string[], targets: ZgwConfig): ConcernZgwConfig {
  const out: ConcernZgwConfig = {};
  for (const dir of treeDirs) {
    const file = join(dir, CONCERN_ZGW_FILE);
    if (!existsSync(file)) continue;
    const fail = (pointer: string, message: string): never => {
      throw new Error(`${file}: ${pointer} ${message}. Fix the file; see the README section "Zorgmeldingen in het zaaksysteem".`);
    };
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      fail('/', 'is not JSON');
    }
    const parsed = ConcernZgwFile.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      fail(`/${issue.path.join('/')}`, issue.message);
    }
    const { gemeente, receivers } = parsed.data!;
    if (gemeente !== basename(dir)) fail('/gemeente', `is "${gemeente}" but the folder is ${basename(dir)}/: make them the same`);
    const services = serviceIds(dir);
    for (const id of Object.keys(receivers))
      if (!services.has(id)) fail(`/receivers/${id}`, `is not a service in ${gemeente}/services.json (known: ${[...services].join(', ')})`);
    // Not connected (no ZGW_CONFIG entry here): every report stays in the local inbox.
    if (!targets[gemeente]) continue;
    // The connection only: the melding's per-tree zaaktypen have nothing to do with reports.
    const { trees: _, ...base } = targets[gemeente];
    const resolve = (value: string, pointer: string): string => {
      if (/^https?:\/\//.test(value)) {
        if (!value.startsWith(base.catalogiUrl))
          fail(pointer, `"${value}" is not in the Catalogi API of ZGW_CONFIG.${gemeente}.catalogiUrl ("${base.catalogiUrl}")`);
        return value;
      }
      if (value.startsWith('/') || value.split('/').includes('..'))
        fail(pointer, `"${value}" must be a full Catalogi URL or a path under the Catalogi API such as "zaaktypen/<uuid>"`);
      return base.catalogiUrl + value;
    };
    out[gemeente] = Object.fromEntries(
      Object.entries(receivers).map(([id, r]) => [
        id,
        {
          ...base,
          zaaktype: resolve(r.zaaktype, `/receivers/${id}/zaaktype`),
          informatieobjecttype: resolve(r.informatieobjecttype, `/receivers/${id}/informatieobjecttype`),
          zaakOmschrijving: r.zaakOmschrijving,
          documentTitel: r.documentTitel,
        },
      ]),
    );
  }
  return out;
}

function serviceIds(dir: string): Set<string> {
  const file = join(dir, 'services.json');
  if (!existsSync(file)) return new Set();
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { services?: { id?: unknown }[] };
  return new Set((parsed.services ?? []).map((s) => String(s.id)));
}
