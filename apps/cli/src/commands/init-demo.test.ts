import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@trellis/server';
import { openDatabase } from '@trellis/store';
import { runInProcess } from '../../test/run-in-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function init(...argv: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'trellis-init-demo-'));
  dirs.push(cwd);
  const run = await runInProcess(['init', ...argv, '--demo', '--data', 'd'], cwd);
  return { ...run, dir: join(cwd, 'd') };
}

describe('trellis init --demo of a template without a recipe', () => {
  it('gives b2b-sales a seeded demo: customers and deals with their past, a login for each of its people', async () => {
    const r = await init('--template', 'b2b-sales');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Demo data: \d+ records, 12 users\n/);
    // The VP and a team lead, with the team they lead starred, as the education demo prints them.
    expect(r.stdout).toMatch(/zhao\.min\s+sales-vp\s+\S{12}\s+sales★\n/);
    expect(r.stdout).toMatch(/sun\.li\s+team-lead\s+\S{12}\s+east★\n/);
    expect(r.stdout).toMatch(/he\.jun\s+sales\s+\S{12}\s+east\n/);
    const creds = JSON.parse(readFileSync(join(r.dir, 'demo-credentials.json'), 'utf8')) as {
      login: string;
      role: string;
      password: string;
    }[];
    expect(creds.map((u) => u.role).sort()).toEqual(
      ['admin', 'sales-vp', 'team-lead', 'team-lead', 'team-lead']
        .concat(Array(7).fill('sales'))
        .sort(),
    );

    const db = openDatabase(join(r.dir, 'trellis.db'), { readonly: true });
    try {
      const q = (sql: string) => db.sqlite.prepare(sql).get() as Record<string, number>;
      const counts = q(
        `SELECT (SELECT count(*) FROM e_customer) AS customers, (SELECT count(*) FROM e_deal) AS deals,
          (SELECT count(*) FROM activities) AS activities, (SELECT count(*) FROM stage_transitions) AS moves,
          (SELECT count(*) FROM outbox WHERE processed_at IS NULL) AS pending`,
      );
      expect(counts.customers).toBe(400);
      expect(counts.deals).toBeGreaterThan(100);
      expect(counts.activities).toBeGreaterThan(counts.customers!);
      expect(counts.moves).toBeGreaterThan(counts.deals!);
      // The past runs no automation.
      expect(counts.pending).toBe(0);
      // A starting demo, not history: every open owned deal has its stage's SLA clock.
      const clocks = q(
        `SELECT count(*) AS open, count(sla_due_at) AS armed FROM e_deal
          WHERE owner_id IS NOT NULL AND stage IN ('new', 'proposal', 'negotiation')`,
      );
      expect(clocks.open).toBeGreaterThan(0);
      expect(clocks.armed).toBe(clocks.open);
      // Each seeded person signs in with the printed password.
      const rep = creds.find((u) => u.login === 'he.jun')!;
      const row = db.sqlite
        .prepare('SELECT password_hash AS hash FROM users WHERE login = ?')
        .get(rep.login) as { hash: string };
      expect(await verifyPassword(rep.password, row.hash)).toBe(true);
    } finally {
      db.close();
    }
  }, 120_000);

  it('says so when a template has no demo data at all, and creates only the admin', async () => {
    const r = await init('--template', 'blank');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/The template blank comes without demo data: only the admin/);
    expect(r.stdout).toMatch(/Admin: admin {2}password: \S+/);
  });
});
