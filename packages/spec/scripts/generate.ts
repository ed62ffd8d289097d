import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appSpecJsonSchema, appSpecPartJsonSchema, specErrorTemplates } from '../src/index';
import { renderReference } from './render-reference';

// Writes the generated artefacts; test/generated.test.ts fails when they are stale.
const here = dirname(fileURLToPath(import.meta.url));
export const schemaFile = join(here, '..', 'app-spec.schema.json');
export const partSchemaFile = join(here, '..', 'app-spec-part.schema.json');
export const referenceFile = join(here, '..', '..', '..', 'docs', 'spec-reference.md');

writeFileSync(schemaFile, `${JSON.stringify(appSpecJsonSchema, null, 2)}\n`);
writeFileSync(partSchemaFile, `${JSON.stringify(appSpecPartJsonSchema, null, 2)}\n`);
writeFileSync(referenceFile, renderReference(appSpecJsonSchema, specErrorTemplates()));
console.log(`wrote ${schemaFile}\nwrote ${partSchemaFile}\nwrote ${referenceFile}`);
