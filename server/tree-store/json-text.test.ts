import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-hash.js';
import { jsonText } from './json-text.js';

describe('JSON text without recursion', () => {
  it('writes what JSON.stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jsonText(value)).toBe(JSON.stringify(value));
      }),
    );
  });

  it('sorts keys for the canonical form and leaves out undefined values', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'x' }] })).toBe('{"a":[{"c":"x"}],"b":1}');
  });

  it('writes a value nested 100,000 deep, where JSON.stringify overflows the stack', () => {
    let text = '1';
    for (let i = 0; i < 100_000; i++) text = `{"!":[${text}]}`;
    const value = JSON.parse(text);
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(jsonText(value)).toBe(text);
    expect(canonicalJson(value)).toBe(text);
  });
});
