import type { CompiledTree } from '../compile/compile.js';
import { audienceKey, type FlatNode } from '../compile/flat-graph.js';
import type { QuestionNode, Node } from '../schema/tree-schema.js';
import type { AudienceText } from '../schema/text.js';
import { audienceOf, say, type Audience } from '../text/audience.js';
import { localize } from '../text/localize.js';
import { answerLabel, questionLabel } from './answer-label.js';
import { progressOf, type Progress } from './progress.js';
import type { Channel, SessionView } from './types.js';

export type PresentedInput =
  | { type: 'single' | 'multi'; options: { value: string; label: string; help?: string }[]; min?: number; max?: number }
  | { type: 'yesno' }
  | { type: 'number'; min: number; max: number; integer: boolean; unit?: string }
  | { type: 'text'; maxLength: number; optional: boolean }
  | { type: 'date'; min?: string; max?: string };

/** What a client shows for the current step, in one language. Same for every channel. */
export interface PresentedStep {
  id: string;
  kind: 'question' | 'info' | 'end';
  text: string;
  help?: string;
  /** What a phone or loket agent says aloud; clients show it to staff only. */
  staff?: string;
  input?: PresentedInput;
  progress: Progress;
  canGoBack: boolean;
}

export function present(compiled: CompiledTree, view: SessionView, locale = 'nl'): PresentedStep {
  const audience = audienceOf(audienceKey(compiled.graph), view.answers);
  return presentNode(view.node, progressOf(compiled, view), view.record.log.length > 0, locale, audience);
}

/**
 * An earlier step again, to change its answer from the overview: the question as it was asked and
 * the answer given. Answering it revises the session (see `revise`); there is no "back" from there.
 */
export function presentAnswered(
  compiled: CompiledTree,
  view: SessionView,
  nodeId: string,
  locale = 'nl',
): { step: PresentedStep; value: unknown } | undefined {
  const entry = view.record.log.find((e) => e.node === nodeId);
  const node = compiled.graph.nodes.get(nodeId);
  if (!entry || !node) return undefined;
  const audience = audienceOf(audienceKey(compiled.graph), view.answers);
  // Its own place in the walk ("Stap 4 van ongeveer 9" while changing question 4), not the place
  // the walk has reached: that would read "Stap 6 van 6" on question 4.
  const now = progressOf(compiled, view);
  const done = view.record.log.indexOf(entry);
  const total = Math.max(now.done + now.ahead, done + 1);
  const progress = { done, ahead: total - done, percent: Math.round((100 * done) / total) };
  return { step: presentNode(node, progress, false, locale, audience), value: entry.value };
}

function presentNode(
  node: FlatNode,
  progress: PresentedStep['progress'],
  canGoBack: boolean,
  locale: string,
  audience: Audience,
): PresentedStep {
  const source = node.source as Extract<Node, { kind: 'question' | 'info' | 'end' }>;
  const step: PresentedStep = {
    id: node.id,
    kind: node.kind as PresentedStep['kind'],
    text: say(source.text, audience, locale)!,
    progress,
    canGoBack,
  };
  const help = 'help' in source ? say(source.help, audience, locale) : undefined;
  if (help) step.help = help;
  // Staff wording follows the same audience: the agent speaks to the caller about the person.
  const staff = 'staff' in source ? say(source.staff, audience, locale) : undefined;
  if (staff) step.staff = staff;
  if (source.kind === 'question') step.input = presentInput(source, locale, audience);
  return step;
}

function presentInput(node: QuestionNode, locale: string, audience: Audience): PresentedInput {
  const input = node.input;
  switch (input.type) {
    case 'single':
    case 'multi':
      return {
        type: input.type,
        options: input.options.map((o) => {
          const help = say(o.help, audience, locale);
          return { value: o.value, label: say(o.label, audience, locale)!, ...(help ? { help } : {}) };
        }),
        ...(input.type === 'multi' ? { min: input.min ?? 1, ...(input.max ? { max: input.max } : {}) } : {}),
      };
    case 'number': {
      const unit = localize(input.unit, locale);
      return { type: 'number', min: input.min, max: input.max, integer: !!input.integer, ...(unit ? { unit } : {}) };
    }
    case 'text':
      return { type: 'text', maxLength: input.maxLength, optional: !!input.optional };
    case 'date':
      return { type: 'date', ...(input.min ? { min: input.min } : {}), ...(input.max ? { max: input.max } : {}) };
    case 'yesno':
      return { type: 'yesno' };
  }
}

export interface TrailEntry {
  node: string;
  question: string;
  answer: string;
  value: unknown;
  at: string;
  channel: Channel;
}

/** The answers so far, as a resident or agent reads them back (the overview / the trail). */
export function trail(compiled: CompiledTree, view: SessionView, locale = 'nl'): TrailEntry[] {
  const audience = audienceOf(audienceKey(compiled.graph), view.answers);
  return view.record.log.map((e) => {
    const node = compiled.graph.nodes.get(e.node)!;
    const question =
      node.kind === 'info' ? say((node.source as { text: AudienceText }).text, audience, locale)! : questionLabel(node, locale, audience);
    return { node: e.node, question, answer: answerLabel(node, e.value, locale, audience), value: e.value, at: e.at, channel: e.channel };
  });
}
