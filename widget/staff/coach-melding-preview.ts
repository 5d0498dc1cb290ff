// The check-answers page of a Wmo melding for advice walked on this device and not yet sent: the
// same engine reads the answers and the plan as the server will, the municipality's words come
// with the offline tree. The server makes the melding on its own reading once the walk arrives.
import { trail } from '../../engine/runtime.js';
import { meldingForWhom } from '../../engine/text/audience.js';
import type { MeldingPreview } from '../../server/api/melding-contract.js';
import { presentAdvice } from '../../server/sessions/present-state.js';
import type { Walk } from './coach-sync.js';
import { compileOffline, replayWalk, type OfflineTree } from './offline-walk.js';

/** Undefined: the walk's advice has no Wmo-melding item, or the municipality takes no meldingen here. */
export function devicePreview(tree: OfflineTree, walk: Walk): MeldingPreview | undefined {
  if (!tree.melding || !walk.done || walk.failed) return undefined;
  const compiled = compileOffline(tree);
  const view = replayWalk(compiled, walk.domain, walk.answers);
  if (!view.plan.some((p) => p.item.action === 'wmo-melding')) return undefined;
  return {
    available: true,
    forWhom: meldingForWhom(compiled.graph.profile?.audienceFact, view.answers),
    ...tree.melding,
    summary: {
      tree: tree.tree,
      // Not shown on the check-answers page; the server records the version the session runs on.
      treeVersion: '',
      answers: trail(compiled, view, 'nl').map((e) => ({ question: e.question, answer: e.answer })),
      plan: presentAdvice(compiled, view, 'nl').map((a) => ({ title: a.title, kind: a.kind })),
    },
    made: null,
  };
}
