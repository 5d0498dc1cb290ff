/** How bad a finding is: errors fail `npm run trees:b1`, warnings are listed, info is context. */
export type Severity = 'error' | 'warning' | 'info';

/** Who reads a text: residents (held to B1) or 14 023 staff (reported as info only). */
export type Audience = 'resident' | 'staff';

/** One Dutch string of a tree or of services.json, with where it lives. */
export interface TextUnit {
  /** JSON pointer (RFC 6901) to the `nl` string, e.g. `/nodes/deur/text/nl`. */
  pointer: string;
  text: string;
  audience: Audience;
}

/** One finding of a rule. `code` is stable: CI output and tests key on it. */
export interface Finding {
  code: string;
  severity: Severity;
  pointer: string;
  /** The words or sentence the finding is about, as written. */
  excerpt: string;
  /** What is wrong and what to write instead. */
  message: string;
}
