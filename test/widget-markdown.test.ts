// @vitest-environment happy-dom
import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import { inline, isSafeHref, markdown } from '../widget/markdown.js';

function show(text: string): HTMLElement {
  const el = document.createElement('div');
  render(markdown(text), el);
  return el;
}

describe('safe markdown subset', () => {
  it('renders bold, paragraphs and line breaks as elements', () => {
    const el = show('**Let op:** dit is belangrijk.\nTweede regel.\n\nNieuwe alinea.');
    const ps = el.querySelectorAll('p');
    expect(ps).toHaveLength(2);
    expect(ps[0]!.querySelector('strong')!.textContent).toBe('Let op:');
    expect(ps[0]!.querySelectorAll('br')).toHaveLength(1);
    expect(ps[1]!.textContent).toBe('Nieuwe alinea.');
  });

  it('renders bullet and numbered lists', () => {
    const el = show('Wat nu?\n- Bel ons\n- Kom langs\n\n1. Eerst\n2. Dan');
    expect([...el.querySelectorAll('ul > li')].map((li) => li.textContent)).toEqual(['Bel ons', 'Kom langs']);
    expect([...el.querySelectorAll('ol > li')].map((li) => li.textContent)).toEqual(['Eerst', 'Dan']);
  });

  it('links only to https, with rel=noopener', () => {
    const el = show('Zie [de site](https://example.org/a) of [dit](javascript:alert(1)) of [dat](http://x.nl) of [rel](/pad).');
    const links = el.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]!.getAttribute('href')).toBe('https://example.org/a');
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer');
    expect(el.textContent).toContain('dit');
    expect(el.textContent).not.toContain('javascript:');
  });

  it('links to tel: and mailto: too, and shows data: and vbscript: links as their label', () => {
    const el = show('Bel [14 020](tel:14020), mail [ons](mailto:loket@example.org), niet [dit](data:text/html,x) of [dat](vbscript:x).');
    expect([...el.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['tel:14020', 'mailto:loket@example.org']);
    expect(el.textContent).not.toContain('data:');
    expect(el.textContent).toContain('dit');
  });

  it('never turns text into markup', () => {
    const el = show('<img src=x onerror="alert(1)"> **<script>x</script>**');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('script')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror="alert(1)">');
    expect(el.querySelector('strong')!.textContent).toBe('<script>x</script>');
  });

  it('keeps inline markup out of blocks for headings', () => {
    const el = document.createElement('h2');
    render(inline('Is **dit** waar?'), el);
    expect(el.querySelector('p')).toBeNull();
    expect(el.querySelector('strong')!.textContent).toBe('dit');
  });

  it('refuses protocol tricks in hrefs', () => {
    expect(isSafeHref('https://example.org')).toBe(true);
    expect(isSafeHref('HTTPS://example.org')).toBe(true);
    for (const bad of ['//evil.example', 'javascript:alert(1)', ' https://x', 'data:text/html,x', 'https:/x'])
      expect(isSafeHref(bad), bad).toBe(false);
  });
});
