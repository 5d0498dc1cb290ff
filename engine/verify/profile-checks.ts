import { isVariant, textsOf } from '../compile/profile-gates.js';
import { escapePointer } from '../logic/rule-scan.js';
import { Profile } from '../schema/profile-schema.js';
import type { LocalizedText } from '../schema/text.js';
import type { Tree } from '../schema/tree-schema.js';
import type { Problem } from './problem.js';
import { schemaProblems } from './schema-problems.js';
import { textProblems } from './text-checks.js';

/** Parses profile.json; problems say what is wrong with it. Null when there is none or it is broken. */
export function parseProfile(json: unknown | null | undefined, gemeente: string, problems: Problem[]): Profile | null {
  if (json === null || json === undefined) return null;
  const where = `${gemeente}/profile.json`;
  const parsed = Profile.safeParse(json);
  if (!parsed.success) {
    problems.push(...schemaProblems(parsed.error, where));
    return null;
  }
  const profile = parsed.data;
  const before = problems.length;
  // Profile questions are asked in published trees: nl and en, like the sociale kaart.
  problems.push(...textProblems(json, where, true));
  if (profile.gemeente !== gemeente) {
    problems.push({
      code: 'gemeente-mismatch',
      severity: 'error',
      where,
      pointer: '/gemeente',
      message: `gemeente "${profile.gemeente}" but the file lies in trees/${gemeente}/.`,
    });
  }
  const fact = profile.audienceFact;
  if (fact !== undefined) {
    const q = profile.facts[fact];
    if (!q || q.input.type !== 'single' || !q.input.options.some((o) => o.value === 'zelf')) {
      problems.push({
        code: 'audience-fact',
        severity: 'error',
        where,
        pointer: '/audienceFact',
        message: `audienceFact "${fact}" must name a single-choice fact of "facts" with an option "zelf" (for myself); every other option means someone else.`,
      });
    } else if (textsOf(q, []).some(isVariant)) {
      problems.push({
        code: 'audience-fact',
        severity: 'error',
        where,
        pointer: `/facts/${escapePointer(fact)}`,
        message:
          'The question that says for whom the help is cannot itself be worded per audience: it is asked before the audience is known.',
      });
    }
  }
  return problems.length > before && problems.slice(before).some((p) => p.severity === 'error') ? null : profile;
}

/** A tree's `profile` list names facts profile.json defines, and a tree with audience texts declares the audience fact. */
export function declarationProblems(tree: Tree, where: string, profile: Profile | null): Problem[] {
  const problems: Problem[] = [];
  (tree.profile ?? []).forEach((fact, i) => {
    if (profile?.facts[fact]) return;
    problems.push({
      code: 'profile-unknown-fact',
      severity: 'error',
      where,
      pointer: `/profile/${i}`,
      message: profile
        ? `"${fact}" is not a fact of ${tree.gemeente}/profile.json. Known facts: ${Object.keys(profile.facts).join(', ')}.`
        : `"${fact}" is declared, but ${tree.gemeente} has no (valid) profile.json to define it.`,
    });
  });
  const audience = profile?.audienceFact;
  if (!audience || tree.profile?.includes(audience)) return problems;
  for (const [local, node] of Object.entries(tree.nodes)) {
    if (!textsOf(node, node.kind === 'advice' ? node.items : []).some(isVariant)) continue;
    problems.push({
      code: 'profile-undeclared',
      severity: 'error',
      where,
      pointer: `/nodes/${escapePointer(local)}`,
      message: `Node "${local}" has texts per audience, which read the profile fact "${audience}". Add "${audience}" to the tree's "profile" list.`,
    });
  }
  return problems;
}

/**
 * Words that only make sense said to the person concerned ("Kun je het **zelf**?", "je **eigen**
 * huis"): a plain text with them, read where the asker may be someone else, misleads that asker.
 * "je" alone is not among them: it also addresses the asker, which a plain text may.
 */
const ABOUT_THE_PERSON = /(^|[^\p{L}])(zelf|jezelf|uzelf|je eigen|jouw eigen|uw eigen)([^\p{L}]|$)/iu;

/**
 * §2 "texts for the person it is about": in a published tree that may run after the asker said
 * the help is for someone else (it declares the audience fact, or is used after it was asked),
 * a plain question text that speaks to the person concerned needs `self`/`other` variants.
 * Checked on questions (they ask about the person); advice and info texts mostly address the
 * asker and are left to review. `mayBeOther`: the trees some path reaches after the audience fact.
 */
export function audienceTextProblems(tree: Tree, where: string, mayBeOther: boolean): Problem[] {
  if (!mayBeOther || tree.status !== 'published') return [];
  const problems: Problem[] = [];
  for (const [local, node] of Object.entries(tree.nodes)) {
    if (node.kind !== 'question') continue;
    for (const field of ['text', 'short', 'help', 'staff'] as const) {
      const text = node[field];
      if (!text || isVariant(text)) continue;
      const nl = (text as LocalizedText).nl;
      if (!ABOUT_THE_PERSON.test(nl)) continue;
      problems.push({
        code: 'audience-variant-missing',
        severity: 'error',
        where,
        pointer: `/nodes/${escapePointer(local)}/${field}`,
        message: `"${nl.slice(0, 60)}" speaks to the person concerned, but on some path the asker is someone else. Give it {"self": …, "other": …} variants (e.g. "Kan je moeder het zelf?"), or word it for both.`,
      });
    }
  }
  return problems;
}
