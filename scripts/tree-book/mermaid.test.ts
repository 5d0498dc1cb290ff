import { describe, expect, it } from 'vitest';
import { Tree } from '../../engine/index.js';
import { mermaidLabel } from './markdown.js';
import { flowchart } from './mermaid.js';

const tree = Tree.parse({
  id: 'proef',
  version: '1.0.0',
  gemeente: 'demo',
  door: 'zorgen',
  status: 'draft',
  title: { nl: 'Proef' },
  sources: [{ seed: '001', lines: '1' }],
  lastReviewed: '2026-01-01',
  start: 'spoed',
  nodes: {
    spoed: {
      kind: 'question',
      text: { nl: 'Is er nu "direct" gevaar?' },
      short: { nl: 'Gevaar' },
      input: { type: 'yesno' },
      next: { routes: [{ when: { var: 'spoed' }, to: 'bel' }], otherwise: 'end' },
    },
    bel: {
      kind: 'advice',
      items: [
        {
          id: 'bel-112',
          kind: 'spoed',
          title: { nl: 'Bel 112' },
          text: { nl: 'Bel nu 112.' },
          why: { nl: 'Er is gevaar.' },
          sources: [{ seed: '001', lines: '1' }],
        },
      ],
      next: 'end',
    },
    end: { kind: 'end', text: { nl: 'Klaar.' } },
  },
});

describe('flowchart', () => {
  const chart = flowchart(tree, new Map([['proef', tree]]));

  it('draws each node once, with the shape of its kind and a prefixed id ("end" is a Mermaid keyword)', () => {
    expect(chart.split('\n')[0]).toBe('flowchart TD');
    expect(chart).toContain('n_spoed{"Gevaar"}');
    expect(chart).toContain('n_bel["Advies: Bel 112"]');
    expect(chart).toContain('n_end(["Einde: Klaar."])');
    expect(chart).not.toMatch(/^\s+end\b/m);
  });

  it('labels branching edges with the condition in words and the fallback as "anders"', () => {
    expect(chart).toContain('n_spoed -->|"bij ‘Gevaar’ is gekozen: ‘Ja’"| n_bel');
    expect(chart).toContain('n_spoed -->|"anders"| n_end');
    expect(chart).toContain('n_bel --> n_end');
  });
});

describe('mermaidLabel', () => {
  it('escapes quotes and shortens at a word boundary', () => {
    expect(mermaidLabel('Is er nu "direct" gevaar?')).toBe('Is er nu #quot;direct#quot; gevaar?');
    const long = mermaidLabel('Kan iemand uit je omgeving je helpen met de boodschappen en het huishouden als je ziek bent?', 40);
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(41);
  });
});
