import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@trellis/server';
import { openStore } from '@trellis/store';
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

    const store = await openStore({ url: join(r.dir, 'trellis.db'), readOnly: true });
    try {
      const deals = await store.tables.rows('e_deal');
      expect(await store.tables.count('e_customer')).toBe(400);
      expect(deals.length).toBeGreaterThan(100);
      const moves = await store.tables.count('stage_transitions');
      expect(await store.tables.count('activities')).toBeGreaterThan(400);
      expect(moves).toBeGreaterThan(deals.length);
      // The past runs no automation.
      expect(await store.outbox.pending()).toBe(0);
      // A starting demo, not history: every open owned deal has its stage's SLA clock.
      const open = deals.filter(
        (d) => d.owner_id != null && ['new', 'proposal', 'negotiation'].includes(d.stage as string),
      );
      expect(open.length).toBeGreaterThan(0);
      expect(open.filter((d) => d.sla_due_at == null)).toEqual([]);
      // Each seeded person signs in with the printed password.
      const rep = creds.find((u) => u.login === 'he.jun')!;
      const user = await store.users.byLogin(rep.login);
      expect(await verifyPassword(rep.password, user!.passwordHash!)).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('says so when a template has no demo data at all, and creates only the admin', async () => {
    const r = await init('--template', 'blank');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/The template blank comes without demo data: only the admin/);
    expect(r.stdout).toMatch(/Admin: admin {2}password: \S+/);
  });
});
