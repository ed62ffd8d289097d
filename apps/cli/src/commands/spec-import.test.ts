import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '@trellis/store';
import { runInProcess } from '../../test/run-in-process';

const EDUCATION = join(import.meta.dirname, '..', '..', '..', '..', 'templates', 'education');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// No locale set: the product's default language (zh-CN).
const run = (cwd: string, ...argv: string[]) => runInProcess(argv, cwd, {});

type Spec = {
  entities: {
    key: string;
    fields: { key: string; type?: string; required?: boolean; label: unknown }[];
  }[];
  pipelines: {
    entity: string;
    stages: { key: string; category?: string; label?: unknown; requires?: string[] }[];
  }[];
};

describe('trellis spec import --dry-run', () => {
  it('prints the semantic diff — fields, stages, requirements — and the plan, and publishes nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-import-'));
    dirs.push(cwd);
    expect((await run(cwd, 'init', '--template', 'education', '--data', 'd')).code).toBe(0);
    const bundled = await run(cwd, 'spec', 'bundle', EDUCATION);
    expect(bundled.code).toBe(0);
    const spec = JSON.parse(bundled.stdout) as Spec;
    const lead = spec.entities.find((e) => e.key === 'lead')!;
    lead.fields.push({
      key: 'parentName',
      type: 'text',
      label: { 'zh-CN': '家长姓名', en: 'Parent name' },
    });
    lead.fields.find((f) => f.key === 'source')!.required = false;
    const stages = spec.pipelines.find((p) => p.entity === 'lead')!.stages;
    stages.find((s) => s.key === 'trial')!.requires = ['trialAt', 'city'];
    stages.push({ key: 'paused', category: 'open', label: { 'zh-CN': '暂停', en: 'Paused' } });
    writeFileSync(join(cwd, 'next.json'), JSON.stringify(spec));

    const en = await run(
      cwd,
      'spec',
      'import',
      'next.json',
      '--dry-run',
      '--data',
      'd',
      '--locale',
      'en',
    );
    expect(en.stderr).toBe('');
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('change(s) from the live spec:');
    expect(en.stdout).toContain('  + field lead.parentName (Parent name)');
    expect(en.stdout).toContain('  ~ field lead.source: no longer required');
    expect(en.stdout).toContain('  ~ stage lead/trial: now requires: city');
    expect(en.stdout).toContain('  + stage lead/paused (Paused)');
    expect(en.stdout).toMatch(/Migration plan \(\d+ step\(s\)\):\n {2}addField lead\.parentName/);

    const zh = await run(
      cwd,
      'spec',
      'import',
      'next.json',
      '--dry-run',
      '--data',
      'd',
      '--locale',
      'zh-CN',
    );
    expect(zh.stdout).toContain('  ~ 字段 lead.source: 不再必填');
    expect(zh.stdout).toContain('  + 字段 lead.parentName (家长姓名)');

    const store = await openStore({ url: join(cwd, 'd', 'trellis.db'), readOnly: true });
    try {
      expect(await store.tables.count('spec_versions')).toBe(1);
    } finally {
      await store.close();
    }
  });
});

type Roles = { roles: { key: string; capabilities?: string[] }[] };

describe('trellis spec import and the people who can manage users', () => {
  it('refuses a spec whose roles leave no active person who can manage users, and publishes nothing', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'trellis-import-'));
    dirs.push(cwd);
    expect((await run(cwd, 'init', '--template', 'education', '--data', 'd')).code).toBe(0);
    const bundled = await run(cwd, 'spec', 'bundle', EDUCATION);
    const spec = JSON.parse(bundled.stdout) as Roles;
    const manager = spec.roles.find((r) => r.key === 'manager')!;
    const without = [...(manager.capabilities ?? [])];
    // Managers get the right; one joins; the admin leaves: the manager is the last holder.
    manager.capabilities = [...without, 'manageUsers'];
    writeFileSync(join(cwd, 'granted.json'), JSON.stringify(spec));
    manager.capabilities = without;
    writeFileSync(join(cwd, 'taken.json'), JSON.stringify(spec));
    expect((await run(cwd, 'spec', 'import', 'granted.json', '--data', 'd')).code).toBe(0);
    const add = ['users', 'add', '--login', 'li.hr', '--password', 'Lemon-tree-42'];
    expect((await run(cwd, ...add, '--role', 'manager', '--data', 'd')).code).toBe(0);
    expect((await run(cwd, 'users', 'disable', 'admin', '--data', 'd')).code).toBe(0);

    const refused = await run(cwd, 'spec', 'import', 'taken.json', '--data', 'd');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '发布后将没有在职人员能管理用户：角色 管理层 (manager) 不再拥有“用户管理”',
    );
    const store = await openStore({ url: join(cwd, 'd', 'trellis.db'), readOnly: true });
    try {
      expect((await store.specs.live())!.version).toBe(2);
    } finally {
      await store.close();
    }
    // The manager cannot be disabled now either: nobody would be left.
    const last = await run(cwd, 'users', 'disable', 'li.hr', '--data', 'd');
    expect(last.code).toBe(1);
  });
});
