import { scanRule } from '../logic/rule-scan.js';
import type { Profile } from '../schema/profile-schema.js';
import type { AudienceText } from '../schema/text.js';
import type { Node, QuestionNode, Rule } from '../schema/tree-schema.js';
import { PROFILE, type FlatNode, type FlatRoute } from './flat-graph.js';

type Report = (treeId: string, code: string, pointer: string, message: string) => void;

/**
 * "Asked the first time a path needs it, never twice": before every node that needs profile
 * facts (its routes, texts with audience variants, or conditional items read them), a gate per
 * fact – a route that goes on when the fact is answered already, else a question (the profile
 * question, answered under `profile.<fact>`) that then goes on. Every edge into the node is
 * redirected to its first gate. Routes are cut first (splitRoutes), so a fact only a later route
 * reads is asked when that route is reached. Returns the (possibly gated) start.
 *
 * Gate ids are the node's flat id + `~fact` (the question) and `~fact~gate` (the check): `~` is
 * never in an authored id, and the gates share the node's scope, so a sub-flow's gates stay
 * inside the sub-flow.
 */
export function insertGates(nodes: Map<string, FlatNode>, start: string, profile: Profile | null, report: Report): string {
  if (profile) splitRoutes(nodes);
  const audience = profile?.audienceFact && profile.facts[profile.audienceFact] ? PROFILE + profile.audienceFact : null;
  const firstGate = new Map<string, string>();
  const gates = new Set<string>();
  for (const node of [...nodes.values()]) {
    const needs = needsOf(node, audience, report);
    if (!needs.length || !profile) continue;
    // A profile question worded per audience needs the audience fact asked before it.
    const worded = needs.some(
      (k) => k !== audience && profile.facts[k.slice(PROFILE.length)] && hasVariants(profile.facts[k.slice(PROFILE.length)]!),
    );
    if (audience && worded && needs[0] !== audience) needs.unshift(audience);
    node.needs = needs;
    let next = node.id;
    for (let i = needs.length - 1; i >= 0; i--) {
      const key = needs[i]!;
      const fact = key.slice(PROFILE.length);
      const question = profile.facts[fact];
      if (!question) continue;
      const ask = `${node.id}~${fact}`;
      const check = `${ask}~gate`;
      const askNeeds = audience && key !== audience && hasVariants(question) ? [audience] : [];
      nodes.set(ask, {
        id: ask,
        scope: node.scope,
        treeId: node.treeId,
        local: `${node.local}~${fact}`,
        kind: 'question',
        source: { kind: 'question', ...question, next: node.local } as QuestionNode,
        routes: [{ when: null, to: next, reads: [], test: () => true, pointer: node.pointer }],
        pointer: node.pointer,
        items: [],
        answer: key,
        ...(askNeeds.length ? { needs: askNeeds } : {}),
      });
      const answered: FlatRoute = {
        when: { '!=': [{ var: key }, null] } as Rule,
        to: next,
        reads: [key],
        test: (get) => get(key) !== undefined,
        pointer: node.pointer,
        presence: true,
      };
      nodes.set(check, {
        id: check,
        scope: node.scope,
        treeId: node.treeId,
        local: `${node.local}~${fact}~gate`,
        kind: 'route',
        source: null,
        routes: [answered, { when: null, to: ask, reads: [], test: () => true, pointer: node.pointer }],
        pointer: node.pointer,
        items: [],
      });
      gates.add(ask).add(check);
      next = check;
    }
    firstGate.set(node.id, next);
  }
  for (const node of nodes.values()) {
    if (gates.has(node.id)) continue;
    for (const route of node.routes) route.to = firstGate.get(route.to) ?? route.to;
  }
  return firstGate.get(start) ?? start;
}

/**
 * A fact read by a later route is needed only when the earlier routes do not match: "Lukt het
 * schoonmaken nog? Ja" needs no age. So a node's routes are cut before each route that reads a
 * profile fact the routes before it did not: the later routes move to a route node after it
 * (`<node>~r<index>`), which gets the gates. A question's routes are cut even at the first route,
 * so the question is asked before the fact it routes on. Exclusive routes stay together: their
 * overlap check needs them all at once.
 */
function splitRoutes(nodes: Map<string, FlatNode>): void {
  for (const node of [...nodes.values()]) {
    const next = node.source && 'next' in node.source ? node.source.next : undefined;
    if (typeof next === 'object' && next?.exclusive) continue;
    const cuts: number[] = [];
    const seen = new Set<string>();
    node.routes.forEach((route, i) => {
      const fresh = route.reads.filter((k) => k.startsWith(PROFILE) && !seen.has(k));
      for (const k of fresh) seen.add(k);
      if (fresh.length && (i > 0 || node.kind === 'question')) cuts.push(i);
    });
    if (!cuts.length) continue;
    const routes = node.routes;
    const segmentId = (j: number) => `${node.id}~r${cuts[j]}`;
    const onward = (j: number): FlatRoute => ({
      when: null,
      to: segmentId(j),
      reads: [],
      test: () => true,
      pointer: `${node.pointer}/next/routes/${cuts[j]}`,
    });
    node.routes = [...routes.slice(0, cuts[0]), onward(0)];
    cuts.forEach((cut, j) => {
      const end = cuts[j + 1] ?? routes.length;
      nodes.set(segmentId(j), {
        id: segmentId(j),
        scope: node.scope,
        treeId: node.treeId,
        local: `${node.local}~r${cut}`,
        kind: 'route',
        source: null,
        routes: [...routes.slice(cut, end), ...(j + 1 < cuts.length ? [onward(j + 1)] : [])],
        pointer: node.pointer,
        items: [],
      });
    });
  }
}

/** The profile keys a node needs answered on arrival, the audience fact first (other texts may depend on it). */
function needsOf(node: FlatNode, audience: string | null, report: Report): string[] {
  const keys = new Set<string>();
  const shown = node.kind !== 'route' && node.source ? textsOf(node.source, node.kind === 'advice' ? node.items : []) : [];
  if (shown.some(isVariant)) {
    if (audience) keys.add(audience);
    else
      report(
        node.treeId,
        'audience-unknown',
        node.pointer,
        'This node has texts per audience (self/other), but profile.json names no "audienceFact" that says for whom the help is. Add one.',
      );
  }
  for (const route of node.routes) for (const k of route.reads) if (k.startsWith(PROFILE)) keys.add(k);
  for (const item of node.items) {
    // Conditional items (`when`) are read when the advice node is reached.
    const when = (item as { when?: Rule }).when;
    if (when === undefined) continue;
    for (const v of scanRule(when).vars) if (v.startsWith(PROFILE)) keys.add(PROFILE + v.split('.')[1]);
  }
  if (audience && keys.delete(audience)) return [audience, ...keys];
  return [...keys];
}

export const isVariant = (t: AudienceText | undefined): t is { self: never; other: never } => !!t && typeof t === 'object' && 'self' in t;

/** The texts a node shows (end nodes inlined as a sub-flow's return show nothing). */
export function textsOf(
  source: Node | Omit<QuestionNode, 'kind' | 'next'>,
  items: readonly { title: AudienceText; text: AudienceText; why: AudienceText }[],
) {
  const texts: (AudienceText | undefined)[] = [];
  if ('text' in source) texts.push(source.text);
  if ('short' in source) texts.push(source.short);
  if ('help' in source) texts.push(source.help);
  if ('staff' in source) texts.push(source.staff);
  if ('input' in source && 'options' in source.input) for (const o of source.input.options) texts.push(o.label, o.help);
  for (const i of items) texts.push(i.title, i.text, i.why);
  return texts;
}

const hasVariants = (q: Omit<QuestionNode, 'kind' | 'next'>) => textsOf(q, []).some(isVariant);
