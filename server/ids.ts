import { hash, randomBytes, randomInt } from 'node:crypto';

/** Where the server gets its randomness; injected so tests can make ids predictable. */
export interface IdSource {
  /** Bearer secrets: 256 random bits, base64url. */
  token(): string;
  /**
   * Record ids: not secret, but not guessable either – 80 random bits after the creation time in
   * ms (sortableId).
   */
  id(): string;
  /** Short, speakable code in two groups of four: "K7MW-4QPX". */
  resumeCode(): string;
  /** Human reference for a concern report: "VW-7KQ-M4PX". */
  reference(): string;
}

/**
 * No 0/O, 1/I/L: a code read aloud over the phone cannot be misheard as another.
 * 31 symbols × 8 positions ≈ 40 bits; guessing is stopped by rate limits and the 7-day expiry.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function code(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

/** Base64url's 64 characters in ASCII order: encoded with these, strings sort as their bytes do. */
const SORTED = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const toSorted = new Map([...BASE64URL].map((c, i) => [c, SORTED[i]!]));

/**
 * The time in ms (6 bytes, big-endian), then 80 random bits, as 21 URL-safe characters that sort by
 * time (as UUIDv7 does). With random ids every answer wrote into a random leaf of each index keyed
 * by session (events, idempotency keys): a checkpoint copied and synced a scattered page per answer.
 * Time-ordered, the sessions in use share the newest few pages.
 */
export function sortableId(now = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  const encoded = bytes.toString('base64url');
  // The first character holds the time's top 6 bits: zero until the year 2109, so left out.
  let out = encoded[0] === 'A' ? '' : toSorted.get(encoded[0]!)!;
  for (let i = 1; i < encoded.length; i++) out += toSorted.get(encoded[i]!)!;
  return out;
}

export const cryptoIds: IdSource = {
  token: () => randomBytes(32).toString('base64url'),
  id: () => sortableId(),
  resumeCode: () => {
    const c = code(8);
    return formatCode(c);
  },
  reference: () => {
    const c = code(7);
    return `VW-${c.slice(0, 3)}-${c.slice(3)}`;
  },
};

export const formatCode = (normalized: string) => `${normalized.slice(0, 4)}-${normalized.slice(4)}`;

/** Codes are typed by people: accept lower case, spaces and missing or extra dashes. */
export function normalizeCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * Secrets are stored as SHA-256: they are high-entropy, so a slow hash adds nothing. One-shot
 * crypto.hash costs half of createHash().update().digest(), and this runs on every request.
 */
export const hashSecret = (secret: string) => hash('sha256', secret, 'base64url');
