import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, minimalSpec, spawnCollect, tempFolder, trellis } from './run-cli';

const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

describe('trellis spec validate — input that cannot be read', () => {
  it('exits 2 with file.malformed for a file that is not JSON, in both locales, without a stack trace', async () => {
    const dir = tempFolder({ 'broken.json': '{ "specVersion": 1, ' });
    const zh = await trellis(['spec', 'validate', 'broken.json'], dir);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('broken.json 不是有效的 JSON');
    expect(zh.stderr).not.toMatch(STACK_LINE);
    const en = await trellis(['spec', 'validate', 'broken.json', '--locale', 'en', '--json'], dir);
    expect(en.code).toBe(2);
    const body = JSON.parse(en.stdout) as {
      ok: boolean;
      errors: { path: string; code: string; message: string }[];
    };
    expect(Object.keys(body)).toEqual(['ok', 'errors']);
    expect(body.ok).toBe(false);
    expect(body.errors).toHaveLength(1);
    expect(Object.keys(body.errors[0] ?? {})).toEqual(['path', 'code', 'message']);
    expect(body.errors[0]).toMatchObject({ path: 'broken.json', code: 'file.malformed' });
    expect(body.errors[0]?.message).toMatch(/^broken\.json is not valid JSON/);
  });

  it('exits 2 with file.notFound for a path that does not exist', async () => {
    const run = await trellis(
      ['spec', 'validate', 'nowhere/spec.json', '--json', '--locale', 'en'],
      tempFolder({}),
    );
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      errors: [
        {
          path: 'nowhere/spec.json',
          code: 'file.notFound',
          message: 'nowhere/spec.json does not exist',
        },
      ],
    });
  });

  it('exits 2 for a folder without template.json and for a listed part file that is missing', async () => {
    const plain = await trellis(
      ['spec', 'validate', '.', '--json'],
      tempFolder({ 'notes.txt': 'hi' }),
    );
    expect(plain.code).toBe(2);
    expect(JSON.parse(plain.stdout).errors[0].code).toBe('template.noManifest');

    const manifest = {
      name: 'demo',
      version: '1.0.0',
      locales: ['zh-CN', 'en'],
      engine: '>=0.1.0',
      spec: ['spec/app.json', 'spec/missing.json'],
    };
    const dir = tempFolder({ 'tpl/template.json': manifest, 'tpl/spec/app.json': minimalSpec() });
    const run = await trellis(['spec', 'validate', 'tpl', '--json', '--locale', 'en'], dir);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).errors).toEqual([
      {
        path: 'spec/missing.json',
        code: 'file.notFound',
        message: 'spec/missing.json does not exist',
      },
    ]);
  });

  it('exits 2 with file.unreadable when a listed part is a folder, not a file', async () => {
    const manifest = {
      name: 'demo',
      version: '1.0.0',
      locales: ['zh-CN', 'en'],
      engine: '>=0.1.0',
      spec: ['spec/app.json', 'spec/entities.json'],
    };
    const dir = tempFolder({
      'template.json': manifest,
      'spec/app.json': minimalSpec(),
      'spec/entities.json/readme.txt': 'not a file',
    });
    const run = await trellis(['spec', 'validate', dir, '--json', '--locale', 'en']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).errors).toEqual([
      {
        path: 'spec/entities.json',
        code: 'file.unreadable',
        message: 'Cannot read spec/entities.json: EISDIR',
      },
    ]);
  });

  it('exits 1 with the conflicting file named when two parts set the same key', async () => {
    const manifest = {
      name: 'demo',
      version: '1.0.0',
      locales: ['zh-CN', 'en'],
      engine: '>=0.1.0',
      spec: ['spec/app.json', 'spec/again.json'],
    };
    const dir = tempFolder({
      'template.json': manifest,
      'spec/app.json': minimalSpec(),
      'spec/again.json': { specVersion: 2 },
    });
    const run = await trellis(['spec', 'validate', dir, '--json', '--locale', 'en']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors).toEqual([
      {
        path: 'spec/again.json#/specVersion',
        code: 'template.conflict',
        message:
          '"specVersion" is set in both spec/app.json and spec/again.json; apart from lists, each top-level key may come from one file only',
      },
    ]);
  });

  it('refuses an unknown --locale as a usage error (exit 2)', async () => {
    const run = await trellis(['spec', 'validate', 'templates/education', '--locale', 'fr']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--locale/);
    expect(run.stdout).toBe('');
  });

  it('still answers one JSON document on stdout for a usage error under --json', async () => {
    const run = await trellis(['spec', 'validate', '--json', '--locale', 'en']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          code: 'cli.usage',
          message: "Wrong command usage: missing required argument 'file-or-template-folder'",
        },
      ],
    });
  });
});

describe('trellis without a command', () => {
  it('prints usage and exits 2 when no command is given, 0 for --help', async () => {
    const bare = await trellis([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('Usage: trellis');
    const help = await trellis(['spec', 'validate', '--help', '--locale', 'en']);
    expect(help.code).toBe(0);
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      'exits 0 when valid, 1 when invalid, 2 when unreadable',
    );
  });
});

describe('trellis spec bundle', () => {
  it('prints the parts of a template as one JSON document, lists concatenated in manifest order', async () => {
    const manifest = {
      name: 'demo',
      version: '1.0.0',
      locales: ['zh-CN', 'en'],
      engine: '>=0.1.0',
      spec: ['spec/app.json', 'spec/teams-b.json', 'spec/teams-a.json'],
    };
    const app = { $schema: '../schema.json', ...minimalSpec() };
    const dir = tempFolder({
      'template.json': manifest,
      'spec/app.json': app,
      'spec/teams-b.json': { teams: [{ key: 'b', label: { 'zh-CN': '乙', en: 'B' } }] },
      'spec/teams-a.json': { teams: [{ key: 'a', label: { 'zh-CN': '甲', en: 'A' } }] },
    });
    const run = await trellis(['spec', 'bundle', dir]);
    expect(run.code).toBe(0);
    const spec = JSON.parse(run.stdout) as Record<string, unknown>;
    expect((spec.teams as { key: string }[]).map((t) => t.key)).toEqual(['b', 'a']);
    expect(spec.entities).toEqual(minimalSpec().entities);
    expect(spec).not.toHaveProperty('$schema');
  });

  it('runs from the repository root as `pnpm -s trellis`, resolving paths against the directory it was typed in', async () => {
    const run = await spawnCollect(
      'pnpm',
      ['-s', 'trellis', 'spec', 'bundle', 'templates/education'],
      { cwd: REPO_ROOT },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const spec = JSON.parse(run.stdout) as { entities: { key: string }[] };
    expect(spec.entities.map((e) => e.key)).toEqual(['lead', 'student', 'enrollment', 'campaign']);
  });

  it('resolves a relative path against INIT_CWD when pnpm set it (the cwd is then apps/cli)', async () => {
    const run = await trellis(
      ['spec', 'bundle', 'templates/education'],
      join(REPO_ROOT, 'apps', 'cli'),
      {
        INIT_CWD: REPO_ROOT,
      },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('entities');
  });

  it('exits 2 when the folder has no template.json', async () => {
    const run = await trellis(['spec', 'bundle', tempFolder({})]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('template.json');
  });
});
