import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiSchema, SCHEMA_FILE } from '../scripts/api-schema';
import { startTrellis, type RunningTrellis } from './harness/trellis';

// A server of its own on a fresh workspace, as `gen:api` runs it: the shared demo server's spec
// may have been changed by other tests (a template installed), which changes the schemas.
let server: RunningTrellis;
beforeAll(async () => {
  server = await startTrellis({ demo: false, web: false });
});
afterAll(() => server?.stop());

describe('the typed API client', () => {
  it('is generated from the OpenAPI document the server answers today (else: pnpm --filter @trellis/web gen:api)', async () => {
    const fresh = await generateApiSchema(server.url);
    expect(fresh).toContain("'/api/v1/auth/login'");
    // Compared line by line, so a stale file fails with the lines that differ.
    expect(readFileSync(SCHEMA_FILE, 'utf8').split('\n')).toEqual(fresh.split('\n'));
  });
});
