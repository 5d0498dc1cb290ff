// The coach's device walks a domain's advice without internet, with the same engine and the same
// tree version the server serves (fetched while online). The answers go to the server later, which
// replays them on that version – so the advice the coach saw is the advice that is stored.
import { answer, compile, flatten, start, type CompiledTree, type SessionView } from '../../engine/runtime.js';
import type { Profile, ServiceCatalog, Tree } from '../../engine/runtime.js';
import type { MeldingPreview } from '../../server/api/melding-contract.js';

export interface OfflineTree {
  domain: string;
  /** "<gemeente>/oplossing" */
  tree: string;
  bundleHash: string;
  bundle: { gemeente: string; trees: { name: string; json: unknown }[]; services: unknown; profile?: unknown };
  /** The municipality's Wmo-melding words (Dutch); null or absent: it takes no meldingen here. */
  melding?: Pick<MeldingPreview, 'consentText' | 'nextSteps' | 'contact'> | null;
}

export interface WalkAnswer {
  node: string;
  value: unknown;
  at: string;
}

export function compileOffline(t: OfflineTree): CompiledTree {
  const local = t.tree.split('/')[1] ?? t.tree;
  const { graph } = flatten(
    new Map(t.bundle.trees.map((x) => [x.name, x.json as Tree])),
    local,
    (t.bundle.profile ?? null) as Profile | null,
  );
  if (!graph) throw new Error(`The stored tree ${t.tree} cannot be opened on this device.`);
  return compile(graph, t.bundle.services as ServiceCatalog);
}

/** As the server starts a coach's domain session: when the tree first asks for life domains, this one. */
export function startOffline(c: CompiledTree, domain: string, at: string): SessionView {
  const view = start(c);
  const input = view.node.kind === 'question' && 'input' in view.node.source! ? view.node.source.input : undefined;
  if (input?.type !== 'multi' || !input.options.some((o) => o.value === domain)) return view;
  const r = answer(c, view, { node: view.node.id, value: [domain], at, channel: 'wijkcoach' });
  return r.ok ? r.value : view;
}

/** The walk so far, replayed: a reload of the coach page continues where it was. */
export function replayWalk(c: CompiledTree, domain: string, answers: WalkAnswer[]): SessionView {
  let view = startOffline(c, domain, answers[0]?.at ?? new Date().toISOString());
  for (const a of answers) {
    const r = answer(c, view, { ...a, channel: 'wijkcoach' });
    if (!r.ok) break;
    view = r.value;
  }
  return view;
}

/**
 * An online walk that lost its connection, carried on here: the session's answers after the
 * life-domain choice (which startOffline makes itself), then the answer just given. Undefined when
 * this device's tree does not lead where the session is (another version): then nothing is guessed.
 */
export function continueOnDevice(
  t: OfflineTree,
  domain: string,
  trail: { node: string; value: unknown; at: string }[],
  given: { node: string; value: unknown },
  at: string,
): { answers: WalkAnswer[]; answered: number; done: boolean } | undefined {
  const c = compileOffline(t);
  const auto = new Set(startOffline(c, domain, at).record.log.map((a) => a.node));
  const answers = trail.filter((e) => !auto.has(e.node)).map((e) => ({ node: e.node, value: e.value, at: e.at }));
  const view = replayWalk(c, domain, answers);
  if (view.record.log.length !== answers.length + auto.size || view.node.id !== given.node) return undefined;
  const next = answer(c, view, { ...given, at, channel: 'wijkcoach' });
  if (!next.ok) return undefined;
  // The value as the engine normalised it, as the server will store it.
  const value = next.value.record.log.at(-1)!.value;
  return { answers: [...answers, { node: given.node, value, at }], answered: answers.length, done: next.value.done };
}
