// Regenerates src/lib/api/schema.gen.ts from the OpenAPI document of a real server running the
// education template (the document is the contract: DESIGN.md §6). Run after a server change:
//   pnpm --filter @trellis/web gen:api
// e2e/api-schema.test.ts fails while the committed file is stale.
import { writeFileSync } from 'node:fs';
import { startTrellis } from '../e2e/harness/trellis';
import { generateApiSchema, SCHEMA_FILE } from './api-schema';

const server = await startTrellis({ demo: false, web: false });
try {
  writeFileSync(SCHEMA_FILE, await generateApiSchema(server.url));
  console.log(`wrote ${SCHEMA_FILE}`);
} finally {
  await server.stop();
}
