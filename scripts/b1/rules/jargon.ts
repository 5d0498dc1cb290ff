import type { JargonTerm } from '../lists.js';
import type { Finding, TextUnit } from '../types.js';
import { containsPhrase, phraseRegex } from './phrase.js';

interface Use {
  unit: TextUnit;
  term: JargonTerm;
  form: string;
  explained: boolean;
}

/**
 * A form of the term in the text: as a whole word or phrase, or as the last part of a compound
 * (maatwerkvoorziening, herindicatie) – in Dutch the last part carries the meaning.
 */
export function findForm(text: string, term: JargonTerm): { form: string; index: number; end: number } | null {
  for (const form of [...term.forms].sort((a, b) => b.length - a.length)) {
    const whole = phraseRegex(form, 'iu').exec(text);
    if (whole) return { form: whole[0], index: whole.index, end: whole.index + whole[0].length };
    if (/\s/.test(form)) continue;
    const compound = new RegExp(`[\\p{L}]+-?${form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
    if (compound) return { form: compound[0], index: compound.index, end: compound.index + compound[0].length };
  }
  return null;
}

/** "term (uitleg)" or "term: uitleg" right after the word counts as an explanation, like a listed phrase. */
function explainedIn(text: string, term: JargonTerm, end: number): boolean {
  if (/^\s*(\(|:\s|–\s|—\s|-\s)/.test(text.slice(end))) return true;
  return term.explained.some((phrase) => containsPhrase(text, phrase));
}

/**
 * Policy words need a plain alternative. 'replace' terms: an error unless the same text also
 * gives the plain words. 'explain-once' terms (mantelzorger, eigen bijdrage): fine once the
 * document explains them somewhere; without any explanation every use is an error.
 */
export function jargon(units: readonly TextUnit[], terms: readonly JargonTerm[]): Finding[] {
  const uses: Use[] = [];
  for (const unit of units) {
    for (const term of terms) {
      const hit = findForm(unit.text, term);
      if (hit) uses.push({ unit, term, form: hit.form, explained: explainedIn(unit.text, term, hit.end) });
    }
  }
  const explainedSomewhere = new Set(uses.filter((u) => u.explained && u.unit.audience === 'resident').map((u) => u.term.term));
  const findings: Finding[] = [];
  for (const use of uses) {
    const { term } = use;
    if (use.explained) continue;
    if (term.mode === 'explain-once') {
      if (explainedSomewhere.has(term.term)) continue;
      findings.push({
        code: 'jargon-unexplained',
        severity: 'error',
        pointer: use.unit.pointer,
        excerpt: use.form,
        message: `"${use.form}" is never explained in this tree. Explain it once, e.g. "${term.term} (${term.plain})".`,
      });
    } else {
      findings.push({
        code: 'jargon',
        severity: 'error',
        pointer: use.unit.pointer,
        excerpt: use.form,
        message: `"${use.form}" is jargon. Write "${term.plain}", or explain it in the same text: "${use.form} (${term.plain})".`,
      });
    }
  }
  return findings;
}
