import type { Tree } from '../../engine/index.js';
import { translateCondition } from './condition-words.js';
import { mermaidId, mermaidLabel } from './markdown.js';
import { edgesOf, nodeOrder } from './order.js';
import { dutchLabel } from './dutch.js';

type Node = Tree['nodes'][string];

/** The node as a shape: question = diamond, advice = box, end = stadium, sub-flow = subroutine. */
function shape(id: string, node: Node, trees: ReadonlyMap<string, Tree>): string {
  const title = (treeId: string) => trees.get(treeId)?.title.nl ?? treeId;
  switch (node.kind) {
    case 'question':
      return `{"${mermaidLabel(dutchLabel(node.short ?? node.text))}"}`;
    case 'info':
      return `[/"${mermaidLabel(`Uitleg: ${dutchLabel(node.text)}`)}"/]`;
    case 'advice':
      return `["${mermaidLabel(`Advies: ${node.items.map((i) => dutchLabel(i.title)).join(' · ')}`, 80)}"]`;
    case 'route':
      return `{{"${mermaidLabel(`Splitsing: ${id}`)}"}}`;
    case 'flow':
      return `[["${mermaidLabel(`Verder in: ${title(node.tree)}`)}"]]`;
    case 'each': {
      const flows = Object.values(node.flows).map(title);
      return `[["${mermaidLabel(`Per gekozen onderwerp: ${flows.join(', ')}`, 80)}"]]`;
    }
    case 'end':
      return `(["${mermaidLabel(`Einde: ${dutchLabel(node.text)}`)}"])`;
  }
}

/** A Mermaid flowchart of the tree's own nodes; sub-flows are one box each, with their own book. */
export function flowchart(tree: Tree, trees: ReadonlyMap<string, Tree>): string {
  const lines = ['flowchart TD'];
  const order = nodeOrder(tree);
  for (const id of order) lines.push(`  ${mermaidId(id)}${shape(id, tree.nodes[id]!, trees)}`);
  for (const id of order) {
    const node = tree.nodes[id]!;
    const edges = edgesOf(node);
    const labelled = edges.length > 1;
    for (const e of edges) {
      const label = !labelled ? '' : e.fallback ? 'anders' : translateCondition(e.when, tree).words.replace(/^als /, '');
      const arrow = label ? `-->|"${mermaidLabel(label, 70)}"|` : '-->';
      lines.push(`  ${mermaidId(id)} ${arrow} ${mermaidId(e.to)}`);
    }
  }
  return lines.join('\n');
}
