// Cross-checks a casus bank against the trees and the sociale kaart, so a misspelt question, option,
// service or item id is an error instead of a silently lower score.
import { validateAnswer } from '../../engine/session/validate-answer.js';
import type { FlatNode } from '../../engine/compile/flat-graph.js';
import type { CasusBank } from './load.js';
import { answerKey } from './walk.js';
import type { Ref } from './casus-schema.js';

export function casusProblems(bank: CasusBank): string[] {
  const out: string[] = [];
  const services = new Set((bank.bundle.services?.services ?? []).map((s) => s.id));
  const items = new Set<string>();
  for (const tree of bank.bundle.trees.values()) {
    for (const node of Object.values(tree.nodes)) if (node.kind === 'advice') for (const i of node.items) items.add(`${tree.id}/${i.id}`);
  }
  const seenCases = new Set<string>();
  for (const { file, tree, casus } of bank.cases) {
    const at = `${file} › ${casus.id}`;
    if (seenCases.has(casus.id)) out.push(`${at}: case id used twice; give each case its own id`);
    seenCases.add(casus.id);
    const questions = new Map<string, FlatNode>();
    for (const node of bank.compiled.get(tree)?.graph.nodes.values() ?? []) {
      if (node.kind === 'question' && !questions.has(answerKey(node))) questions.set(answerKey(node), node);
    }
    const missing = new Set(casus.missingServices ?? []);
    const refs: Ref[] = [
      ...casus.expect.map((e) => (typeof e === 'string' ? e : e.ref)),
      ...casus.order.flat(),
      ...casus.forbid.map((f) => f.ref),
    ];
    for (const ref of refs) {
      const [kind, id] = [ref.slice(0, ref.indexOf(':')), ref.slice(ref.indexOf(':') + 1)];
      if (kind === 'service' && !services.has(id) && !missing.has(id)) {
        out.push(
          `${at}: ${ref} is not in services.json; fix the id, or list "${id}" in missingServices if the service is still to be added`,
        );
      }
      if (kind === 'item' && !items.has(id)) out.push(`${at}: ${ref} names no advice item ("<tree>/<item id>")`);
    }
    for (const id of missing) {
      if (services.has(id)) out.push(`${at}: missingServices lists "${id}", which services.json now has; remove it from missingServices`);
    }
    const seenSets = new Set<string>();
    for (const set of casus.answerSets) {
      const where = `${at} › ${set.id}`;
      if (seenSets.has(set.id)) out.push(`${where}: answer set id used twice in this case`);
      seenSets.add(set.id);
      for (const [key, value] of Object.entries(set.answers)) {
        const node = questions.get(key);
        if (!node) {
          out.push(`${where}: "${key}" is no question of tree "${tree}" or its sub-flows ("<tree>.<question>" or "profile.<fact>")`);
          continue;
        }
        const valid = validateAnswer(node, value);
        if (!valid.ok) out.push(`${where}: "${key}" = ${JSON.stringify(value)}: ${valid.error.message}`);
      }
    }
  }
  return out;
}
