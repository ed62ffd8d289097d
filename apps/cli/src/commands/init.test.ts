import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';
import { runInProcess } from '../../test/run-in-process';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function cli(cwd: string) {
  return (...argv: string[]) => runInProcess(argv, cwd);
}

describe('trellis init, users, backup, restore, spec export', () => {
  it('starts an empty workspace from the blank template: one Contacts entity, only the admin', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-cli-'));
    dirs.push(cwd);
    const run = cli(cwd);
    const init = await run('init', '--template', 'blank', '--demo', '--data', 'd');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Installed template blank \d+\.\d+\.\d+ \(spec version 1\)/);
    expect(init.stdout).toMatch(/Admin: admin {2}password: \S+/);
    const exported = await run('spec', 'export', '--data', 'd');
    const spec = JSON.parse(exported.stdout) as Record<string, unknown[] | undefined>;
    expect(spec.entities!.map((e) => (e as { key: string }).key)).toEqual(['contact']);
    for (const part of ['pipelines', 'forms', 'roles', 'teams', 'automations', 'views'])
      expect(spec[part] ?? []).toEqual([]);
    const store = await openStore({ url: join(cwd, 'd', 'trellis.db'), readOnly: true });
    const users = await store.users.list();
    await store.close();
    expect(users.map((u) => ({ login: u.login, role: u.role }))).toEqual([
      { login: 'admin', role: 'admin' },
    ]);
    // The only admin cannot be disabled: nobody could manage users after it.
    const last = await run('users', 'disable', 'admin', '--data', 'd');
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/admin is the only active person who can manage users/);
  });

  it('initialises the education template with demo data, manages users, backs up and restores', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-cli-'));
    dirs.push(cwd);
    const run = cli(cwd);
    const init = await run('init', '--template', 'education', '--demo', '--data', 'd');
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Installed template education \d+\.\d+\.\d+ \(spec version 1\)/);
    // Each demo login says which team it works in (★: leads it), on screen and in the file.
    expect(init.stdout).toMatch(/zhang\.wei\s+sales\s+\S{12}\s+tech\n/);
    expect(init.stdout).toMatch(/wang\.lei\s+supervisor\s+\S{12}\s+tech★\n/);
    const creds = JSON.parse(readFileSync(join(cwd, 'd', 'demo-credentials.json'), 'utf8')) as {
      login: string;
      teams: string[];
      leads: string[];
    }[];
    expect(creds.find((u) => u.login === 'wang.lei')).toMatchObject({
      teams: ['tech'],
      leads: ['tech'],
    });
    expect(statSync(join(cwd, 'd', 'secret.key')).mode & 0o777).toBe(0o600);
    const store = await openStore({ url: join(cwd, 'd', 'trellis.db'), readOnly: true });
    const counts = {
      users: await store.users.count(),
      leads: await store.tables.count('e_lead'),
      moves: await store.tables.count('stage_transitions'),
      pending: await store.outbox.pending(),
    };
    expect(counts.users).toBeGreaterThanOrEqual(6);
    expect(counts.leads).toBeGreaterThan(150);
    expect(counts.moves).toBeGreaterThan(counts.leads);
    // The demo's past must not re-run today's automations; its recent steps ran them, so the
    // run log has runs that succeeded, were skipped and failed.
    expect(counts.pending).toBe(0);
    const statuses = [
      ...new Set((await store.tables.rows('automation_runs')).map((r) => r.status as string)),
    ]
      .sort()
      .map((status) => ({ status }));
    await store.close();
    expect(statuses.map((r) => r.status)).toEqual(['failed', 'skipped', 'succeeded']);
    expect((await run('init', '--data', 'd')).stdout).toMatch(/Already initialised/);

    expect(
      (
        await run(
          'users',
          'add',
          '--login',
          'new.rep',
          '--password',
          'quiet-harbour-7',
          '--role',
          'sales',
          '--team',
          'tech',
          '--data',
          'd',
        )
      ).code,
    ).toBe(0);
    const bad = await run(
      'users',
      'add',
      '--login',
      'x',
      '--password',
      'short',
      '--role',
      'ghost',
      '--data',
      'd',
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Unknown role: ghost/);
    expect(bad.stderr).toMatch(/at least 10 characters/);
    const common = await run(
      'users',
      'add',
      '--login',
      'y.rep',
      '--password',
      'password2024',
      '--role',
      'sales',
      '--data',
      'd',
    );
    expect(common.code).toBe(1);
    expect(common.stderr).toMatch(/too common/);
    expect((await run('users', 'disable', 'new.rep', '--data', 'd')).code).toBe(0);
    const list = JSON.parse((await run('users', 'list', '--json', '--data', 'd')).stdout) as {
      login: string;
      status: string;
      teams: string[];
    }[];
    expect(list.find((u) => u.login === 'new.rep')).toMatchObject({
      status: 'disabled',
      teams: ['tech'],
    });

    const spec = JSON.parse((await run('spec', 'export', '--data', 'd')).stdout) as {
      entities: { key: string }[];
    };
    expect(spec.entities.map((e) => e.key)).toContain('lead');
    // Importing the live spec again publishes nothing; a changed one makes version 2.
    writeFileSync(join(cwd, 'same.json'), JSON.stringify(spec));
    const same = await run('spec', 'import', 'same.json', '--data', 'd');
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/Same as the live version 1; nothing published/);
    const changed = structuredClone(spec) as { entities: { key: string; fields: unknown[] }[] };
    changed.entities
      .find((e) => e.key === 'lead')!
      .fields.push({
        key: 'wechatNick',
        type: 'text',
        label: { 'zh-CN': '微信昵称', en: 'WeChat nickname' },
      });
    writeFileSync(join(cwd, 'changed.json'), JSON.stringify(changed));
    const next = await run('spec', 'import', 'changed.json', '--data', 'd');
    expect(next.stdout, next.stderr).toMatch(/Published version 2/);

    expect((await run('backup', 'b.db', '--data', 'd')).code).toBe(0);
    expect(
      (
        await run(
          'users',
          'add',
          '--login',
          'after.backup',
          '--password',
          'quiet-harbour-7',
          '--role',
          'sales',
          '--data',
          'd',
        )
      ).code,
    ).toBe(0);
    expect((await run('restore', 'missing.db', '--data', 'd')).code).toBe(1);
    const restored = await run('restore', 'b.db', '--data', 'd');
    expect(restored.code).toBe(0);
    const logins = (
      JSON.parse((await run('users', 'list', '--json', '--data', 'd')).stdout) as {
        login: string;
      }[]
    ).map((u) => u.login);
    expect(logins).toContain('new.rep');
    expect(logins).not.toContain('after.backup');
    expect(existsSync(join(cwd, 'd'))).toBe(true);
  }, 120_000);
});
