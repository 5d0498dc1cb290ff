import { describe, expect, it } from 'vitest';
import { demoInput, demoTree } from '../../test/support/bundles.js';
import { verifyBundle, type BundleInput } from '../index.js';

/** The demo bundle with one tree replaced by a broken copy. */
function withTree(name: string, edit: (t: Record<string, any>) => void): BundleInput {
  const input = demoInput();
  const tree = demoTree(name);
  edit(tree);
  input.trees = input.trees.map((t) => (t.name === name ? { name, json: tree } : t));
  return input;
}
const codes = (input: BundleInput) => verifyBundle(input).problems.map((p) => `${p.severity}:${p.code}`);
const find = (input: BundleInput, code: string) => verifyBundle(input).problems.find((p) => p.code === code);

describe('verifier', () => {
  it('passes the demo bundle without a single problem', () => {
    const bundle = verifyBundle(demoInput());
    expect(bundle.problems).toEqual([]);
    expect([...bundle.graphs.keys()].sort()).toEqual(['huishouden', 'oplossing', 'start', 'vervoer']);
  });

  it('reports schema errors with a JSON pointer and refuses the tree', () => {
    const input = withTree('vervoer', (t) => (t.nodes.zelf.colour = 'red'));
    const p = find(input, 'schema')!;
    expect(p.pointer).toBe('/nodes/zelf');
    expect(p.message).toContain('"colour"');
    const bundle = verifyBundle(input);
    expect(bundle.graphs.has('vervoer')).toBe(false);
    // A tree that inlines the broken one is refused too; unrelated trees still serve.
    expect(bundle.graphs.has('start')).toBe(false);
    expect(bundle.graphs.has('huishouden')).toBe(true);
  });

  it('names unknown targets and lists the nodes that exist', () => {
    const p = find(
      withTree('vervoer', (t) => (t.nodes.eigen.next = 'nergens')),
      'unknown-target',
    )!;
    expect(p.pointer).toBe('/nodes/eigen/next');
    expect(p.message).toContain('zelf, eigen, buurt, klaar');
  });

  it('finds nodes no answer can reach', () => {
    const input = withTree('vervoer', (t) => (t.nodes.zelf.next = 'eigen'));
    const p = find(input, 'unreachable')!;
    expect(p).toMatchObject({ severity: 'error', where: 'demo/vervoer', pointer: '/nodes/buurt' });
  });

  it('refuses loops', () => {
    expect(codes(withTree('vervoer', (t) => (t.nodes.eigen.next = 'zelf')))).toContain('error:cycle');
  });

  it('refuses a sub-flow that calls its own caller', () => {
    const input = withTree('vervoer', (t) => {
      t.nodes.klaar = { kind: 'flow', tree: 'oplossing' };
    });
    expect(codes(input)).toContain('error:flow-cycle');
  });

  it('refuses operators outside the allow-list, such as "method"', () => {
    const input = withTree('vervoer', (t) => (t.nodes.zelf.next.routes[0].when = { method: [{ var: 'zelf' }, 'toString'] }));
    const p = find(input, 'logic-operator')!;
    expect(p.pointer).toBe('/nodes/zelf/next/routes/0/when/method');
  });

  it.each(['__proto__', 'constructor', 'zelf.prototype'])('refuses a var path through %s', (path) => {
    const input = withTree('vervoer', (t) => (t.nodes.zelf.next.routes[0].when = { '==': [{ var: path }, 1] }));
    expect(codes(input)).toContain('error:logic-var-forbidden');
    expect(verifyBundle(input).graphs.has('vervoer')).toBe(false);
  });

  it('refuses a condition that reads an unknown answer', () => {
    const p = find(
      withTree('vervoer', (t) => (t.nodes.zelf.next.routes[0].when = { var: 'leeftijd' })),
      'logic-unknown-var',
    )!;
    expect(p.message).toContain('It can read: zelf');
  });

  it('demands English in a published tree, only warns in a draft', () => {
    const drop = (t: Record<string, any>) => delete t.nodes.zelf.text.en;
    expect(codes(withTree('vervoer', drop))).toContain('error:translation-missing');
    expect(codes(withTree('vervoer', (t) => (drop(t), (t.status = 'draft'))))).toContain('warning:translation-missing');
  });

  it('refuses HTML in texts', () => {
    const p = find(
      withTree('vervoer', (t) => (t.nodes.zelf.text.nl = 'Kan <b>iemand</b> helpen?')),
      'text-html',
    )!;
    expect(p.pointer).toBe('/nodes/zelf/text/nl');
  });

  it('refuses advice that names a service missing from the sociale kaart', () => {
    const p = find(
      withTree('vervoer', (t) => (t.nodes.eigen.items[0].services = ['onbekend'])),
      'unknown-service',
    )!;
    expect(p.pointer).toBe('/nodes/eigen/items/0/services/0');
  });

  it('refuses a path that ends without any human to contact', () => {
    // The "website" service has no phone or address: a resident on that path is on their own.
    const input = withTree('vervoer', (t) => (t.nodes.buurt.items[0].services = ['website']));
    const unsafe = verifyBundle(input)
      .problems.filter((p) => p.code === 'no-safety-net')
      .map((p) => p.where);
    // Standalone, and through the oplossing tree that calls it (only vervoer, under 75: nothing else).
    expect(unsafe).toEqual(expect.arrayContaining(['demo/vervoer', 'demo/oplossing']));
    expect(verifyBundle(input).graphs.has('oplossing')).toBe(false);
  });

  it('warns where routes marked exclusive overlap, with an example answer', () => {
    const input = withTree('start', (t) => {
      t.nodes.deur.next.routes.push({ when: { '!=': [{ var: 'deur' }, 'helpen'] }, to: 'helpen-advies' });
    });
    const p = find(input, 'overlap')!;
    expect(p.message).toContain('"oplossing"');
  });

  it('warns about routes no answer takes', () => {
    const input = withTree('vervoer', (t) => t.nodes.zelf.next.routes.push({ when: { var: 'zelf' }, to: 'buurt' }));
    expect(find(input, 'route-never-taken')!.pointer).toBe('/nodes/zelf/next/routes/1/when');
  });

  it('derives boundary values from comparisons, so both sides of 75 are explored', () => {
    const input = withTree('oplossing', (t) => (t.derived.veel.rule = { '>': [{ var: 'leeftijd' }, 119] }));
    // 120 is the maximum, so "older than 119" is still reachable; "older than 120" is not.
    expect(codes(input)).not.toContain('warning:route-never-taken');
    const never = withTree('oplossing', (t) => (t.derived.veel.rule = { '>': [{ var: 'leeftijd' }, 120] }));
    expect(codes(never)).toContain('warning:route-never-taken');
  });

  it('refuses an each-node over something that is not a multiple-choice question', () => {
    expect(codes(withTree('oplossing', (t) => (t.nodes.elk.over = 'leeftijd')))).toContain('error:each-over');
  });

  it('refuses a tree whose id differs from its file name', () => {
    expect(codes(withTree('vervoer', (t) => (t.id = 'vervoer-oud')))).toContain('error:tree-id-mismatch');
  });
});
