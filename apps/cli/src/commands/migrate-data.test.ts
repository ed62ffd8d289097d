import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';
import { createTestDatabase, dropTestDatabase } from '@trellis/tooling/pg';
import { runInProcess } from '../../test/run-in-process';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

const run = (cwd: string, ...argv: string[]) => runInProcess(argv, cwd);

describe.runIf(process.env.TRELLIS_TEST_PG_URL)('trellis migrate-data', () => {
  it('moves the education demo workspace to PostgreSQL, verified; refuses to overwrite unless told', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-migrate-'));
    cleanup.push(() => rmSync(cwd, { recursive: true, force: true }));
    const url = (await createTestDatabase('migrate'))!;
    cleanup.push(() => dropTestDatabase(url));
    expect((await run(cwd, 'init', '--template', 'education', '--demo', '--data', 'd')).code).toBe(
      0,
    );

    const moved = await run(cwd, 'migrate-data', '--from', 'd', '--to', url);
    expect(moved.stderr).not.toMatch(/Not copied/);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toMatch(/counts and checksums match/);
    expect(moved.stderr).toMatch(/^verify e_lead \d+\/\d+$/m);

    const source = await openStore({ url: join(cwd, 'd', 'trellis.db'), readOnly: true });
    const target = await openStore({ url });
    try {
      for (const table of [
        'e_lead',
        'users',
        'stage_transitions',
        'activities',
        'record_history',
        'spec_versions',
      ]) {
        const n = await source.tables.count(table);
        expect(n, table).toBeGreaterThan(0);
        expect(await target.tables.count(table), table).toBe(n);
      }
      const live = (await target.specs.live())!;
      expect(live.version).toBe((await source.specs.live())!.version);
      const page = await target.records(live.spec).list('lead', { limit: 5 });
      expect(page.ok && page.value.records.length).toBe(5);
    } finally {
      await source.close();
      await target.close();
    }

    const again = await run(cwd, 'migrate-data', '--from', 'd', '--to', url);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not empty.*--replace/);
    const replaced = await run(cwd, 'migrate-data', '--from', 'd', '--to', url, '--replace');
    expect(replaced.code).toBe(0);

    const noTarget = await run(cwd, 'migrate-data', '--from', 'd', '--to', join(cwd, 'x.db'));
    expect(noTarget.code).toBe(1);
    expect(noTarget.stderr).toMatch(/--to postgres:/);
    // A demo workspace seeded, copied to PostgreSQL and verified: 14.6 s of the default 30 in a
    // run of the CLI's suite at load 10-14 (session 22); the whole suite's run stretches it more.
  }, 120_000);
});
