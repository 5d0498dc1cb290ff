/**
 * The link targets a tree or sociale-kaart text may use: a web page over https, a phone number,
 * an e-mail address. Anything else – javascript:, data:, http:, relative paths, //host – would
 * let a text run code, leak a session or point off the record, so the verifier refuses it and the
 * widget shows its label as plain text.
 */
export function isAllowedLink(href: string): boolean {
  if (/^tel:\+?[0-9][0-9-]{1,19}$/.test(href)) return true;
  if (/^mailto:[^\s@:/?#]+@[^\s@:/?#]+\.[a-z]{2,}$/i.test(href)) return true;
  return isHttpsLink(href);
}

/** Only absolute https URLs: no javascript:, data:, relative paths or protocol-relative //host. */
export function isHttpsLink(href: string): boolean {
  try {
    return /^https:\/\//i.test(href) && new URL(href).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Markdown links `[label](target)`, as the widget's renderer reads them (widget/markdown.ts). */
export const MARKDOWN_LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** The first link target in a text that is not allowed, or undefined. */
export function forbiddenLink(text: string): string | undefined {
  for (const m of text.matchAll(MARKDOWN_LINK)) if (!isAllowedLink(m[2]!)) return m[2]!;
  return undefined;
}
