// Turns scored walks into the report: one row per answer set, a summary per door and overall, and
// the targets of issue 17 beside the figures.
import { median } from '../../bench/stats.js';
import type { Casus } from './casus-schema.js';
import type { PlanScore } from './score.js';
import type { Walk } from './walk.js';

export interface SetResult {
  casus: Casus;
  setId: string;
  /** The door this set took (the set's own, else the case's). */
  door: string;
  language: string;
  walk: Walk;
  score: PlanScore;
}

export interface Summary {
  name: string;
  cases: number;
  sets: number;
  expected: number;
  present: number;
  /** Share of expected elements present, over every set (each element counts once). */
  share: number;
  lowest: { share: number; set: string } | null;
  /** Sets below the lowest-set target. */
  below: number;
  violations: number;
  forbidden: number;
  incomplete: number;
  /** Over the sets that reached an end. */
  medianScreens: number | null;
  medianItems: number | null;
}

export const TARGETS = { overall: 0.95, lowestSet: 0.8, forbidden: 0, medianScreens: 8 } as const;

export const shareOf = (s: PlanScore) => (s.expected ? s.present / s.expected : 1);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function summarise(name: string, results: readonly SetResult[]): Summary {
  const expected = results.reduce((n, r) => n + r.score.expected, 0);
  const present = results.reduce((n, r) => n + r.score.present, 0);
  const lowest = results.reduce<SetResult | null>((low, r) => (!low || shareOf(r.score) < shareOf(low.score) ? r : low), null);
  const ended = results.filter((r) => r.walk.done);
  return {
    name,
    cases: new Set(results.map((r) => r.casus.id)).size,
    sets: results.length,
    expected,
    present,
    share: expected ? present / expected : 1,
    lowest: lowest ? { share: shareOf(lowest.score), set: `${lowest.casus.id}/${lowest.setId}` } : null,
    below: results.filter((r) => shareOf(r.score) < TARGETS.lowestSet).length,
    violations: results.reduce((n, r) => n + r.score.violations.length, 0),
    forbidden: results.reduce((n, r) => n + r.score.forbidden.length, 0),
    incomplete: results.filter((r) => r.walk.stopped).length,
    medianScreens: ended.length ? median(ended.map((r) => r.walk.screens)) : null,
    medianItems: ended.length ? median(ended.map((r) => r.score.items)) : null,
  };
}

export function setTable(results: readonly SetResult[]): string[][] {
  return [
    ['case', 'set', 'lang', 'door', 'present', 'missing', 'order/section', 'forbidden', 'items', 'cards repeated', 'screens', 'walk'],
    ...results.map((r) => [
      r.casus.id,
      r.setId,
      r.language,
      r.door,
      `${r.score.present}/${r.score.expected} (${pct(shareOf(r.score))})`,
      String(r.score.missing.length),
      String(r.score.violations.length),
      String(r.score.forbidden.length),
      String(r.score.items),
      String(r.score.repeatedServices),
      r.walk.done ? String(r.walk.screens) : '–',
      r.walk.stopped ? 'STOPPED' : 'end',
    ]),
  ];
}

/** What went wrong per set, one line each, so a row in the table can be traced; with `plans`, the plan too. */
export function setDetails(results: readonly SetResult[], plans = false): string[] {
  const out: string[] = [];
  for (const r of results) {
    const lines = [
      ...(r.walk.stopped ? [`stopped: ${r.walk.stopped}`] : []),
      ...r.score.missing.map((m) => `missing: ${m}`),
      ...r.score.violations.map((v) => `violation: ${v}`),
      ...r.score.forbidden.map((f) => `FORBIDDEN shown: ${f} – ${r.casus.forbid.find((x) => x.ref === f)?.why ?? ''}`),
      ...(plans
        ? r.walk.plan.map((p, i) => `plan ${i + 1}: ${p.id} [${p.layer}${p.section ? `, ${p.section}` : ''}] ${p.services.join(', ')}`)
        : []),
    ];
    if (lines.length) out.push(`${r.casus.id}/${r.setId}`, ...lines.map((l) => `  ${l}`));
  }
  return out;
}

export function summaryTable(summaries: readonly Summary[]): string[][] {
  return [
    [
      'door',
      'cases',
      'sets',
      'present',
      'lowest set',
      `sets < ${pct(TARGETS.lowestSet)}`,
      'order/section',
      'forbidden',
      'stopped',
      'median screens',
      'median items',
    ],
    ...summaries.map((s) => [
      s.name,
      String(s.cases),
      String(s.sets),
      `${s.present}/${s.expected} (${pct(s.share)})`,
      s.lowest ? `${pct(s.lowest.share)} ${s.lowest.set}` : '–',
      String(s.below),
      String(s.violations),
      String(s.forbidden),
      String(s.incomplete),
      s.medianScreens === null ? '–' : String(s.medianScreens),
      s.medianItems === null ? '–' : String(s.medianItems),
    ]),
  ];
}

export interface TargetRow {
  measure: string;
  value: string;
  target: string;
  met: boolean;
}

export function targetRows(overall: Summary): TargetRow[] {
  const lowest = overall.lowest?.share ?? 1;
  return [
    {
      measure: 'expected elements present, overall',
      value: pct(overall.share),
      target: `≥ ${pct(TARGETS.overall)}`,
      met: overall.share >= TARGETS.overall,
    },
    {
      measure: 'forbidden elements shown',
      value: String(overall.forbidden),
      target: `${TARGETS.forbidden}`,
      met: overall.forbidden <= TARGETS.forbidden,
    },
    {
      measure: 'lowest answer set',
      value: overall.lowest ? `${pct(lowest)} (${overall.lowest.set})` : '–',
      target: `≥ ${pct(TARGETS.lowestSet)}`,
      met: lowest >= TARGETS.lowestSet,
    },
    {
      measure: 'median screens to advice',
      value: overall.medianScreens === null ? '–' : String(overall.medianScreens),
      target: `≤ ${TARGETS.medianScreens}`,
      met: overall.medianScreens !== null && overall.medianScreens <= TARGETS.medianScreens,
    },
  ];
}
