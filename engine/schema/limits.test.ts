import { describe, expect, it } from 'vitest';
import { demoInput, demoTree } from '../../test/support/bundles.js';
import { verifyBundle, type BundleInput } from '../index.js';
import { isAllowedLink } from '../text/links.js';

function withStart(edit: (t: Record<string, any>) => void): BundleInput {
  const input = demoInput();
  const tree = demoTree('start');
  edit(tree);
  input.trees = input.trees.map((t) => (t.name === 'start' ? { name: 'start', json: tree } : t));
  return input;
}
const errorsOf = (input: BundleInput) => verifyBundle(input).problems.filter((p) => p.severity === 'error');

describe('limits in the schema', () => {
  it('refuses javascript: and data: links in a text, with a pointer to the text', () => {
    for (const href of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'http://example.org', '//evil.example']) {
      const errors = errorsOf(withStart((t) => (t.nodes.deur.text.en = `See [this](${href}).`)));
      expect(errors, href).toContainEqual(
        expect.objectContaining({ code: 'link-scheme', where: 'demo/start', pointer: '/nodes/deur/text/en' }),
      );
    }
  });

  it('allows https:, tel: and mailto: links', () => {
    const text = 'Bel [14 020](tel:14020), mail [ons](mailto:loket@example.org) of lees [de site](https://example.org/hulp).';
    expect(errorsOf(withStart((t) => (t.nodes.deur.text.nl = text)))).toEqual([]);
  });

  it('refuses the same links in the sociale kaart', () => {
    const input = demoInput();
    (input.services as any).services[0].description.nl = 'Zie [hier](javascript:void(0)).';
    expect(errorsOf(input)).toContainEqual(expect.objectContaining({ code: 'link-scheme', pointer: '/services/0/description/nl' }));
  });

  it('refuses a javascript: or data: website for a service, with a pointer to the field', () => {
    for (const web of ['javascript:alert(1)', 'data:text/html,x']) {
      const input = demoInput();
      (input.services as any).services[0].contact.web = web;
      expect(errorsOf(input), web).toContainEqual(
        expect.objectContaining({ where: 'demo/services.json', pointer: '/services/0/contact/web' }),
      );
    }
  });

  it('bounds the length of a text', () => {
    const errors = errorsOf(withStart((t) => (t.nodes.deur.text.nl = 'Lang. '.repeat(700))));
    expect(errors).toContainEqual(expect.objectContaining({ code: 'text-too-long', pointer: '/nodes/deur/text/nl' }));
  });

  it('bounds the options of a question', () => {
    const options = Array.from({ length: 41 }, (_, i) => ({ value: `o${i}`, label: { nl: `O${i}`, en: `O${i}` } }));
    const errors = errorsOf(withStart((t) => (t.nodes.deur.input.options = options)));
    expect(errors).toContainEqual(expect.objectContaining({ code: 'too-many-options', pointer: '/nodes/deur/input/options' }));
  });

  it('tells allowed link targets from the rest', () => {
    for (const ok of ['https://example.org', 'tel:14020', 'tel:+31235113000', 'mailto:a@b.nl']) expect(isAllowedLink(ok), ok).toBe(true);
    for (const bad of ['javascript:alert(1)', 'data:,x', 'tel:javascript:x', 'mailto:a@b.nl?body=x', 'vbscript:x', 'file:///etc/passwd'])
      expect(isAllowedLink(bad), bad).toBe(false);
  });
});
