import { describe, expect, it } from 'vitest';
import { demo } from '../../test/support/bundles.js';
import { presentService } from './present-state.js';

describe('presentService', () => {
  const [service] = [...demo().compiled().services.values()];

  it('presents a service once per language, and the shared result cannot be changed by a caller', () => {
    const nl = presentService(service!, 'nl');
    expect(presentService(service!, 'nl')).toBe(nl);
    expect(Object.isFrozen(nl)).toBe(true);
    expect(() => ((nl as { name: string }).name = 'x')).toThrow(TypeError);
    const en = presentService(service!, 'en');
    expect(en).not.toBe(nl);
    expect(en.id).toBe(nl.id);
  });
});
