import { hash, randomBytes, randomInt } from 'node:crypto';

/** Where the server gets its randomness; injected so tests can make ids predictable. */
export interface IdSource {
  /** Bearer secrets: 256 random bits, base64url. */
  token(): string;
  /** Record ids: 128 random bits, base64url (not secret, but not guessable either). */
  id(): string;
  /** Short, speakable code in two groups of four: "K7MW-4QPX". */
  resumeCode(): string;
  /** Human reference for a concern report: "VW-7KQ-M4PX". */
  reference(): string;
}

/**
 * No 0/O, 1/I/L: a code read aloud over the phone (14 023) cannot be misheard as another.
 * 31 symbols × 8 positions ≈ 40 bits; guessing is stopped by rate limits and the 7-day expiry.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function code(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return out;
}

export const cryptoIds: IdSource = {
  token: () => randomBytes(32).toString('base64url'),
  id: () => randomBytes(16).toString('base64url'),
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
