// npm run schema – writes trees/schema/*.schema.json from the zod schemas the engine uses,
// so the editor's autocompletion and the verifier can never disagree.
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ScenarioFile } from '../engine/schema/scenario-schema.js';
import { ServiceCatalog } from '../engine/schema/services-schema.js';
import { Tree } from '../engine/schema/tree-schema.js';
import { CasusFile } from './quality/casus-schema.js';

export function jsonSchemas(): Record<string, unknown> {
  return {
    'tree.schema.json': { title: 'Vraagwijzer decision tree', ...z.toJSONSchema(Tree, { io: 'input' }) },
    'scenarios.schema.json': { title: 'Vraagwijzer scenarios', ...z.toJSONSchema(ScenarioFile, { io: 'input' }) },
    'casus.schema.json': { title: 'Vraagwijzer casus bank', ...z.toJSONSchema(CasusFile, { io: 'input' }) },
    'services.schema.json': { title: 'Vraagwijzer sociale kaart', ...z.toJSONSchema(ServiceCatalog, { io: 'input' }) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    await writeFile(`trees/schema/${name}`, `${JSON.stringify(schema, null, 2)}\n`);
    console.log(`wrote trees/schema/${name}`);
  }
}
