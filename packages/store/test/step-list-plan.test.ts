import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/index';
import { entityTable } from '../src/entity/entity-table';
import { stepEntrants } from '../src/sql/reports/step-list';
import { baseSpec } from './fixtures';

describe("a period step's list reads its entrants from one index", () => {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-step-plan-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the entrants from stage_transitions_to_ix alone and looks the records up by id', async () => {
    const url = join(dir, 'trellis.db');
    const store = await openStore({ url, locale: 'en' });
    await store.migrations.syncEntityTables(baseSpec);
    await store.close();
    const info = entityTable(baseSpec.entities[0]!);
    const w = stepEntrants(info, 'sqlite', { stage: 'trial', from: 1_000, to: 9_000 }).where!;
    const db = new Database(url, { readonly: true });
    try {
      const plan = (
        db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT * FROM e_lead WHERE deleted_at IS NULL AND ${w.sql}
             ORDER BY created_at DESC, id DESC LIMIT 51`,
          )
          .all(...w.params) as { detail: string }[]
      )
        .map((p) => p.detail)
        .join('; ');
      // Without the record and previous entry in the index (before migration 0016; PostgreSQL's 0015) each entry's
      // row was read; a probe per record in the list's order scans e_lead.
      expect(plan).toMatch(
        /USING COVERING INDEX stage_transitions_to_ix \(entity=\? AND to_stage=\? AND at>\? AND at<\?\)/,
      );
      expect(plan).toMatch(/SEARCH e_lead USING INDEX \w+ \(id=\?\)/);
      expect(plan).not.toMatch(/SCAN e_lead/);
    } finally {
      db.close();
    }
  });
});
