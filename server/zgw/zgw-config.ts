import { basename } from 'node:path';
import { concernZgwConfig, type ConcernZgwConfig } from './zgw-concern-config.js';

// Per municipality (and optionally per tree): where its ZGW case system is and how the melding
// becomes a zaak there. Read from ZGW_CONFIG (JSON) at start-up and checked field by field: a typo
// must stop the server with the setting named, not surface as meldingen that never arrive.

export interface ZgwTarget {
  zakenUrl: string;
  catalogiUrl: string;
  documentenUrl: string;
  /** Catalogi API URL of the zaaktype the melding becomes. */
  zaaktype: string;
  /** Catalogi API URL of the informatieobjecttype of the PDF summary. */
  informatieobjecttype: string;
  /** bronorganisatie = verantwoordelijkeOrganisatie. */
  rsin: string;
  clientId: string;
  /** The JWT-Claims shared secret (HS256). */
  secret: string;
}

/** gemeente → its target; `trees` overrides the zaaktype / informatieobjecttype per tree ("haarlem/oplossing"). */
export type ZgwConfig = Record<
  string,
  ZgwTarget & { trees: Record<string, Partial<Pick<ZgwTarget, 'zaaktype' | 'informatieobjecttype'>>> }
>;

const URL_FIELDS = ['zakenUrl', 'catalogiUrl', 'documentenUrl', 'zaaktype', 'informatieobjecttype'] as const;
const EXAMPLE =
  '{"haarlem":{"zakenUrl":"https://zaken.example.nl/zaken/api/v1/","catalogiUrl":"…/catalogi/api/v1/","documentenUrl":"…/documenten/api/v1/","zaaktype":"…/zaaktypen/<uuid>","informatieobjecttype":"…/informatieobjecttypen/<uuid>","rsin":"<9 digits>","clientId":"vraagwijzer","secret":"…"}}';

/** An RSIN passes the 11-proef, as a BSN does: Σ dᵢ·(9−i) for the first eight, minus the ninth, is a multiple of 11. */
export function isRsin(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const d = [...value].map(Number);
  const sum = d.slice(0, 8).reduce((s, x, i) => s + x * (9 - i), 0) - d[8]!;
  return sum % 11 === 0;
}

export function zgwConfigFromEnv(env: NodeJS.ProcessEnv, gemeenten: readonly string[]): ZgwConfig {
  if (!env.ZGW_CONFIG) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(env.ZGW_CONFIG);
  } catch {
    throw new Error(`ZGW_CONFIG is not JSON. Expected ${EXAMPLE}.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`ZGW_CONFIG must be an object per municipality: ${EXAMPLE}.`);
  const out: ZgwConfig = {};
  for (const [gemeente, raw] of Object.entries(parsed as Record<string, Record<string, unknown>>)) {
    const at = (field: string) => `ZGW_CONFIG.${gemeente}.${field}`;
    if (!gemeenten.includes(gemeente))
      throw new Error(`ZGW_CONFIG.${gemeente}: no municipality folder of that name is loaded (${gemeenten.join(', ') || 'none'}).`);
    const text = (field: string): string => {
      const v = raw?.[field];
      if (typeof v !== 'string' || !v) throw new Error(`${at(field)} is missing. Expected ${EXAMPLE}.`);
      return v;
    };
    const target = {} as ZgwTarget;
    for (const field of URL_FIELDS) target[field] = checkedUrl(text(field), at(field));
    for (const base of ['zakenUrl', 'catalogiUrl', 'documentenUrl'] as const)
      if (!target[base].endsWith('/')) throw new Error(`${at(base)} must end in "/" (the API root, e.g. …/zaken/api/v1/).`);
    for (const type of ['zaaktype', 'informatieobjecttype'] as const)
      if (!target[type].startsWith(target.catalogiUrl))
        throw new Error(`${at(type)} "${target[type]}" is not in the Catalogi API at ${at('catalogiUrl')} ("${target.catalogiUrl}").`);
    target.rsin = text('rsin');
    if (!isRsin(target.rsin)) throw new Error(`${at('rsin')} "${target.rsin}" is not an RSIN: 9 digits that pass the 11-proef.`);
    target.clientId = text('clientId');
    target.secret = text('secret');
    if (target.secret.length < 16) throw new Error(`${at('secret')} is shorter than 16 characters: use the secret the case system issued.`);
    const trees: ZgwConfig[string]['trees'] = {};
    for (const [tree, over] of Object.entries((raw.trees ?? {}) as Record<string, Record<string, unknown>>)) {
      if (!tree.startsWith(`${gemeente}/`))
        throw new Error(`${at(`trees.${tree}`)}: a tree id of this municipality, such as "${gemeente}/oplossing".`);
      trees[tree] = {};
      for (const type of ['zaaktype', 'informatieobjecttype'] as const) {
        if (over[type] === undefined) continue;
        if (typeof over[type] !== 'string') throw new Error(`${at(`trees.${tree}.${type}`)} must be a URL.`);
        trees[tree][type] = checkedUrl(over[type], at(`trees.${tree}.${type}`));
      }
    }
    const unknown = Object.keys(raw).filter((k) => ![...URL_FIELDS, 'rsin', 'clientId', 'secret', 'trees'].includes(k));
    if (unknown.length)
      throw new Error(
        `${at(unknown[0]!)} is not a setting; remove it (known: ${[...URL_FIELDS, 'rsin', 'clientId', 'secret', 'trees'].join(', ')}).`,
      );
    out[gemeente] = { ...target, trees };
  }
  return out;
}

/** The target for one melding: the municipality's, with its tree's zaaktype where one is set. */
export function targetFor(config: ZgwConfig, gemeente: string, tree: string): ZgwTarget | undefined {
  const g = config[gemeente];
  return g && { ...g, ...g.trees[tree] };
}

function checkedUrl(value: string, where: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${where} "${value}" is not a URL.`);
  }
  const local = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  if (url.protocol !== 'https:' && !local) throw new Error(`${where} must be https:// (personal data travels there).`);
  return value;
}

export interface ZgwSettings {
  targets: ZgwConfig;
  /** Concern reports per receiving service (trees/<gemeente>/signalering/zgw.json over `targets`). */
  concerns: ConcernZgwConfig;
  /** How often main.ts looks for due registrations. */
  pollMs: number;
  /** One ZGW request may take this long. */
  timeoutMs: number;
  /** The first retry's wait; each next one doubles (capped at 30 minutes). */
  baseDelayMs: number;
  /** A claim on a registration expires after this long (a node that died mid-way leaves it to another). */
  leaseMs: number;
}

/** Look-ups and writes of one registration at most (zgw-registration.ts). */
const REQUESTS_PER_REGISTRATION = 14;

export const ZGW_DEFAULTS: ZgwSettings = {
  targets: {},
  concerns: {},
  pollMs: 30_000,
  timeoutMs: 15_000,
  baseDelayMs: 30_000,
  leaseMs: 300_000,
};

/**
 * ZGW_CONFIG (see zgwConfigFromEnv), ZGW_POLL_SECONDS (30), ZGW_TIMEOUT_SECONDS (15), ZGW_LEASE_SECONDS (120);
 * and each folder's signalering/zgw.json over ZGW_CONFIG (zgw-concern-config.ts).
 */
export function zgwSettingsFromEnv(env: NodeJS.ProcessEnv, treeDirs: readonly string[]): ZgwSettings {
  const seconds = (name: string, fallbackMs: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallbackMs;
    if (!(/^\d+(\.\d+)?$/.test(v) && Number(v) > 0))
      throw new Error(`${name}="${v}" is not a number of seconds above 0, e.g. ${name}=${fallbackMs / 1000}.`);
    return Number(v) * 1000;
  };
  const timeoutMs = seconds('ZGW_TIMEOUT_SECONDS', ZGW_DEFAULTS.timeoutMs);
  const leaseMs = seconds('ZGW_LEASE_SECONDS', ZGW_DEFAULTS.leaseMs);
  // A lease shorter than one registration's requests could let a second node start on a row still in progress.
  if (leaseMs <= timeoutMs * REQUESTS_PER_REGISTRATION)
    throw new Error(
      `ZGW_LEASE_SECONDS (${leaseMs / 1000}) must be longer than one registration's ${REQUESTS_PER_REGISTRATION} requests (${REQUESTS_PER_REGISTRATION} × ZGW_TIMEOUT_SECONDS = ${(timeoutMs * REQUESTS_PER_REGISTRATION) / 1000}).`,
    );
  const targets = zgwConfigFromEnv(
    env,
    treeDirs.map((d) => basename(d)),
  );
  return {
    ...ZGW_DEFAULTS,
    targets,
    concerns: concernZgwConfig(treeDirs, targets),
    pollMs: seconds('ZGW_POLL_SECONDS', ZGW_DEFAULTS.pollMs),
    timeoutMs,
    leaseMs,
  };
}
