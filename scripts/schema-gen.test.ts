import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from './schema-gen.js';

describe('trees/schema/*.schema.json', () => {
  it.each(Object.entries(jsonSchemas()))('%s is what the engine’s zod schema generates (run npm run schema)', (name, schema) => {
    const committed = JSON.parse(readFileSync(new URL(`../trees/schema/${name}`, import.meta.url), 'utf8'));
    expect(committed).toEqual(schema);
  });
});
