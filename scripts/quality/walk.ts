// Walks one answer set through a real engine session (start/answer on the compiled tree, as
// trees:scenarios does): at every question it looks the answer up by the question's key.
import type { CompiledTree } from '../../engine/compile/compile.js';
import type { FlatNode } from '../../engine/compile/flat-graph.js';
import { advice, type PlanItem } from '../../engine/session/advice.js';
import { answer, start } from '../../engine/session/session.js';
import type { AnswerSet } from './casus-schema.js';
import type { QualityItem } from './score.js';

export interface Walk {
  plan: QualityItem[];
  /** Question and info screens shown before the walk ended (or stopped). */
  screens: number;
  done: boolean;
  /** Why the walk stopped before the end: the set does not answer a question, or the engine refused its answer. */
  stopped?: string;
}

// A chain this long means the walk is going round in circles; no shipped path is near it.
const MAX_SCREENS = 500;

/**
 * The key an answer set answers a question under: the node's `answer` (CONTRACT.md: `profile.<fact>`
 * for profile questions) or "<tree>.<local id>". Read structurally so the report works on engines with
 * and without the field.
 */
export function answerKey(node: FlatNode): string {
  const stored = (node as FlatNode & { answer?: string }).answer;
  return stored?.startsWith('profile.') ? stored : `${node.treeId}.${node.local}`;
}

/**
 * Reads the fields the report needs. `layer`, `section` and `cardAt` (service → the earlier item that
 * shows its card) are the composed plan's (CONTRACT.md); `level` is the older name of the layer.
 */
export function toQualityItem(p: PlanItem): QualityItem {
  const extra = p as unknown as { layer?: string; level?: string; section?: string; cardAt?: Record<string, string> };
  const services = p.services.map((s) => s.id);
  return {
    id: p.id,
    layer: extra.layer ?? extra.level ?? '',
    ...(extra.section ? { section: extra.section } : {}),
    services,
    cards: services.filter((s) => !Object.hasOwn(extra.cardAt ?? {}, s)),
    text: [p.title, p.text, p.why].join('\n'),
  };
}

export function walkAnswerSet(compiled: CompiledTree, set: AnswerSet, at = '2026-01-01T00:00:00.000Z'): Walk {
  let view = start(compiled);
  let screens = 0;
  let stopped: string | undefined;
  while (!view.done && screens < MAX_SCREENS) {
    const node = view.node;
    let value: unknown = null;
    if (node.kind === 'question') {
      const key = answerKey(node);
      if (!Object.hasOwn(set.answers, key)) {
        stopped = `answer set incomplete at ${key}`;
        break;
      }
      value = set.answers[key];
    }
    screens++;
    const next = answer(compiled, view, { node: node.id, value, at, channel: 'web' });
    if (!next.ok) {
      stopped = `answer ${JSON.stringify(value)} refused at ${answerKey(node)}: ${next.error.message}`;
      break;
    }
    view = next.value;
  }
  if (!view.done && !stopped) stopped = `no end after ${MAX_SCREENS} screens`;
  const plan = advice(compiled, view, set.language).map(toQualityItem);
  return { plan, screens, done: view.done, ...(stopped ? { stopped } : {}) };
}
