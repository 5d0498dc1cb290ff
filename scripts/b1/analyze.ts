import { collectTexts } from './collect.js';
import type { B1Lists } from './lists.js';
import { fleschDouma, statsOf, type ReadabilityStats } from './readability.js';
import { jargon, textRules } from './rules/index.js';
import { sentences, type Sentence } from './sentences.js';
import type { Finding, Severity } from './types.js';

export interface LocatedSentence extends Sentence {
  pointer: string;
}

export interface DocumentReport {
  /** gemeente/tree id, or gemeente/services.json */
  where: string;
  title: string;
  texts: number;
  staffTexts: number;
  stats: ReadabilityStats;
  /** Flesch-Douma over the resident texts; null when there is nothing to read. */
  score: number | null;
  /** Longest resident sentences first. */
  longest: LocatedSentence[];
  findings: Finding[];
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The B1 check of one document. Staff texts run through the same rules, but every finding on
 * them becomes info: agents paraphrase, and their wording may be more formal.
 */
export function analyzeDocument(where: string, title: string, doc: unknown, lists: B1Lists, worst = 3): DocumentReport {
  const units = collectTexts(doc);
  const resident: LocatedSentence[] = [];
  const findings: Finding[] = [];
  for (const unit of units) {
    const list = sentences(unit.text);
    if (unit.audience === 'resident') resident.push(...list.map((s) => ({ ...s, pointer: unit.pointer })));
    findings.push(...demote(unit.audience, textRules(unit, list, lists)));
  }
  const byPointer = new Map(units.map((u) => [u.pointer, u.audience]));
  for (const f of jargon(units, lists.jargon)) findings.push(...demote(byPointer.get(f.pointer)!, [f]));
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.pointer.localeCompare(b.pointer) || a.code.localeCompare(b.code));
  const stats = statsOf(resident);
  return {
    where,
    title,
    texts: units.filter((u) => u.audience === 'resident').length,
    staffTexts: units.filter((u) => u.audience === 'staff').length,
    stats,
    score: fleschDouma(stats),
    longest: [...resident].sort((a, b) => b.words.length - a.words.length).slice(0, worst),
    findings,
  };
}

function demote(audience: 'resident' | 'staff', findings: Finding[]): Finding[] {
  if (audience === 'resident') return findings;
  return findings.map((f) => ({ ...f, severity: 'info', message: `(staff text) ${f.message}` }));
}

export const count = (findings: readonly Finding[], severity: Severity) => findings.filter((f) => f.severity === severity).length;
