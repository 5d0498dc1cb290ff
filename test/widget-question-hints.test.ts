// @vitest-environment happy-dom
// "Kies alles wat past." once per screen: the widget's own hint stays away when the tree's help text
// already opens with it (Haarlem's multi-choice questions do).
import { afterEach, describe, expect, it } from 'vitest';
import type { PresentedStep } from '../server/api/contract.js';
import '../widget/index.js';

afterEach(() => (document.body.innerHTML = ''));

const step = (help?: string): PresentedStep => ({
  id: 'wat',
  kind: 'question',
  text: 'Waar wil je hulp bij?',
  ...(help ? { help } : {}),
  input: {
    type: 'multi',
    options: [
      { value: 'a', label: 'Vervoer' },
      { value: 'b', label: 'Huishouden' },
    ],
  },
  progress: { done: 1, ahead: 3, percent: 25 },
  canGoBack: true,
});

async function render(s: PresentedStep): Promise<string> {
  const el = document.createElement('vw-question') as HTMLElement & { step: PresentedStep; updateComplete: Promise<unknown> };
  el.step = s;
  document.body.append(el);
  await el.updateComplete;
  return el.shadowRoot!.textContent!;
}

const count = (text: string) => text.split('Kies alles wat past.').length - 1;

describe('multi-choice hint', () => {
  it('says "Kies alles wat past." once when the help text opens with it', async () => {
    expect(count(await render(step('Kies alles wat past. Vaak gaat het om meer dan één ding.')))).toBe(1);
  });

  it('says it once, as the hint, when the help text does not', async () => {
    expect(count(await render(step('Vaak gaat het om meer dan één ding.')))).toBe(1);
    expect(count(await render(step()))).toBe(1);
  });
});
