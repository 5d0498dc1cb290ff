import { count, type DocumentReport } from './analyze.js';
import { fleschDouma, readabilityLabel } from './readability.js';

const fmt = (n: number | null) => (n === null ? '–' : `${n.toFixed(1)} (${readabilityLabel(n)})`);
const quote = (s: string, max = 110) => `“${s.length > max ? `${s.slice(0, max - 1)}…` : s}”`;

/** The report for one document: counts, score, its longest sentences, then every finding. */
export function formatDocument(r: DocumentReport): string {
  const { stats } = r;
  const perSentence = stats.sentences ? (stats.words / stats.sentences).toFixed(1) : '–';
  const lines = [
    `── ${r.where} – ${r.title}`,
    `   ${r.texts} texts (+${r.staffTexts} staff), ${stats.sentences} sentences, ${perSentence} words/sentence, Flesch-Douma ${fmt(r.score)}`,
    `   ${count(r.findings, 'error')} errors · ${count(r.findings, 'warning')} warnings · ${count(r.findings, 'info')} info`,
  ];
  if (r.longest.length) {
    lines.push('   longest sentences:');
    for (const s of r.longest) lines.push(`     ${String(s.words.length).padStart(2)} words  ${s.pointer}  ${quote(s.text)}`);
  }
  for (const f of r.findings) {
    lines.push(`   ${f.severity.toUpperCase()} ${f.code} ${f.pointer}`, `     ${quote(f.excerpt)}`, `     ${f.message}`);
  }
  return lines.join('\n');
}

/** One line per municipality: the totals CI shows at the bottom. */
export function formatSummary(gemeente: string, reports: readonly DocumentReport[]): string {
  const all = reports.flatMap((r) => r.findings);
  const total = reports.reduce(
    (t, r) => ({ sentences: t.sentences + r.stats.sentences, words: t.words + r.stats.words, syllables: t.syllables + r.stats.syllables }),
    { sentences: 0, words: 0, syllables: 0 },
  );
  const codes = new Map<string, number>();
  for (const f of all) if (f.severity !== 'info') codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
  const byCode = [...codes]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  return [
    `${gemeente}: ${reports.length} documents, ${total.sentences} sentences, Flesch-Douma ${fmt(fleschDouma(total))}`,
    `  ${count(all, 'error')} errors, ${count(all, 'warning')} warnings, ${count(all, 'info')} info${byCode ? ` (${byCode})` : ''}`,
  ].join('\n');
}
