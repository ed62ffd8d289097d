import { describe, expect, it } from 'vitest';
import { minimalSpec, tempFolder, trellis } from './run-cli';

type Body = { ok: boolean; errors: { path: string; code: string; message: string }[] };

function withUnknownRequire(): Record<string, unknown> {
  const spec = minimalSpec() as { pipelines: { stages: { requires?: string[] }[] }[] };
  spec.pipelines[0]!.stages[1]!.requires = ['budgett'];
  return spec;
}

describe('trellis spec validate — a spec file', () => {
  it('exits 0 and prints exactly {"ok":true,"errors":[]} for a valid spec', async () => {
    const dir = tempFolder({ 'spec.json': minimalSpec() });
    const run = await trellis(['spec', 'validate', 'spec.json', '--json'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('{"ok":true,"errors":[]}\n');
    const human = await trellis(['spec', 'validate', 'spec.json', '--locale', 'en'], dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe(
      '✓ spec.json is valid (1 entities, 1 pipelines, 0 automations, 0 forms)\n',
    );
  });

  it('exits 1 with the exact path and code of each error, localized to the chosen locale', async () => {
    const dir = tempFolder({ 'spec.json': withUnknownRequire() });
    const en = await trellis(['spec', 'validate', 'spec.json', '--json', '--locale', 'en'], dir);
    const zh = await trellis(['spec', 'validate', 'spec.json', '--json', '--locale', 'zh-CN'], dir);
    expect(en.code).toBe(1);
    expect(zh.code).toBe(1);
    const enBody = JSON.parse(en.stdout) as Body;
    const zhBody = JSON.parse(zh.stdout) as Body;
    expect(enBody).toEqual({
      ok: false,
      errors: [
        {
          path: '/pipelines/0/stages/1/requires/0',
          code: 'ref.unknownField',
          message: expect.stringContaining('budgett'),
        },
      ],
    });
    expect(zhBody.errors.map((e) => [e.path, e.code])).toEqual([
      ['/pipelines/0/stages/1/requires/0', 'ref.unknownField'],
    ]);
    expect(enBody.errors[0]?.message).toMatch(/has no field/);
    expect(zhBody.errors[0]?.message).toMatch(/没有字段/);
  });

  it('uses TRELLIS_LOCALE when --locale is absent, and the product default zh-CN otherwise', async () => {
    const dir = tempFolder({ 'spec.json': withUnknownRequire() });
    const byDefault = await trellis(['spec', 'validate', 'spec.json'], dir);
    expect(byDefault.code).toBe(1);
    expect(byDefault.stdout).toContain('有 1 个错误');
    expect(byDefault.stdout).toContain('/pipelines/0/stages/1/requires/0  [ref.unknownField]');
    const fromEnv = await trellis(['spec', 'validate', 'spec.json'], dir, { TRELLIS_LOCALE: 'en' });
    expect(fromEnv.stdout).toContain('has 1 error(s)');
    const flagWins = await trellis(['spec', 'validate', 'spec.json', '--locale=zh-CN'], dir, {
      TRELLIS_LOCALE: 'en',
    });
    expect(flagWins.stdout).toContain('没有字段');
  });

  it('reports a structural error at the exact place (unknown field type)', async () => {
    const spec = minimalSpec() as { entities: { fields: { type: string }[] }[] };
    spec.entities[0]!.fields[1]!.type = 'colour';
    const run = await trellis(
      ['spec', 'validate', 'spec.json', '--json', '--locale', 'en'],
      tempFolder({ 'spec.json': spec }),
    );
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as Body;
    expect(body.errors.map((e) => [e.path, e.code])).toEqual([
      ['/entities/0/fields/1/type', 'schema.unknownType'],
    ]);
  });

  it('treats valid JSON that is not a spec at all as invalid (exit 1), not unreadable', async () => {
    const run = await trellis(
      ['spec', 'validate', 'list.json', '--json'],
      tempFolder({ 'list.json': [1, 2, 3] }),
    );
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as Body).ok).toBe(false);
  });
});

describe('trellis spec validate — a template folder', () => {
  const manifest = {
    name: 'demo',
    version: '1.0.0',
    locales: ['zh-CN', 'en'],
    engine: '>=0.1.0',
    spec: ['spec/app.json', 'spec/pipelines.json'],
  };
  function split(spec: Record<string, unknown>): Record<string, unknown> {
    const { pipelines, ...app } = spec;
    return {
      'template.json': manifest,
      'spec/app.json': app,
      'spec/pipelines.json': { pipelines },
    };
  }

  it('exits 0 for a valid split template, given as the folder or as its template.json', async () => {
    const dir = tempFolder(split(minimalSpec()));
    expect((await trellis(['spec', 'validate', dir, '--json'])).stdout).toBe(
      '{"ok":true,"errors":[]}\n',
    );
    const viaManifest = await trellis(['spec', 'validate', 'template.json', '--json'], dir);
    expect(viaManifest.code).toBe(0);
  });

  it('keeps bundled paths in --json and names the part file in the human output', async () => {
    const dir = tempFolder(split(withUnknownRequire()));
    const json = await trellis(['spec', 'validate', dir, '--json', '--locale', 'en']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as Body).errors[0]?.path).toBe(
      '/pipelines/0/stages/1/requires/0',
    );
    const human = await trellis(['spec', 'validate', dir, '--locale', 'en']);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('(in spec/pipelines.json#/pipelines/0/stages/1/requires/0)');
  });
});
