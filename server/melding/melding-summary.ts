import type { MeldingSummaryView } from '../api/melding-contract.js';
import { trail } from '../../engine/index.js';
import type { LoadedSession } from '../sessions/load-session.js';
import { presentAdvice } from '../sessions/present-state.js';

/** What the municipality receives of the walk: each answer as a question and its label, and the plan. */
export type MeldingSummary = MeldingSummaryView;

export function meldingSummary({ row, served, view }: LoadedSession, locale: string): MeldingSummary {
  return {
    tree: row.tree,
    treeVersion: row.treeVersion,
    answers: trail(served.compiled, view, locale).map((e) => ({ question: e.question, answer: e.answer })),
    plan: presentAdvice(served.compiled, view, locale).map((a) => ({ title: a.title, kind: a.kind })),
  };
}

/** The plan holds the item that lets the resident make a melding right there. */
export const offersMelding = ({ view }: LoadedSession) => view.plan.some((p) => p.item.action === 'wmo-melding');
