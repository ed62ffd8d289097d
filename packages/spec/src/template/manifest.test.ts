import { describe, expect, it } from 'vitest';
import { checkManifest, specFiles } from './manifest';

const good = {
  name: 'education',
  version: '0.1.0',
  locales: ['zh-CN', 'en'],
  engine: '>=0.1.0 <1.0.0',
  spec: ['spec/app.json', 'spec/entities.json'],
};

describe('checkManifest', () => {
  it('accepts a complete manifest and lists its spec files in order', () => {
    const result = checkManifest(good, 'en');
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(specFiles(result.manifest)).toEqual(['spec/app.json', 'spec/entities.json']);
    const single = checkManifest({ ...good, spec: 'spec.json' }, 'en');
    if (single.ok) expect(specFiles(single.manifest)).toEqual(['spec.json']);
    else throw new Error('single-file spec refused');
  });

  it('names each missing or malformed key with a template.json path', () => {
    const result = checkManifest({ name: 'Education!', locales: ['fr'], spec: [] }, 'en');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ['template.json#/name', 'template.manifest.pattern'],
      ['template.json#/version', 'template.manifest.required'],
      ['template.json#/engine', 'template.manifest.required'],
      ['template.json#/locales', 'template.manifest.locale'],
      ['template.json#/spec', 'template.manifest.type'],
    ]);
  });

  it('refuses spec paths that leave the template folder or repeat', () => {
    for (const path of [
      '../other/spec.json',
      '/etc/passwd',
      'spec/../../x.json',
      'C:\\spec.json',
    ]) {
      const result = checkManifest({ ...good, spec: ['spec/app.json', path] }, 'zh-CN');
      expect(result, path).toMatchObject({
        ok: false,
        errors: [{ path: 'template.json#/spec', code: 'template.manifest.pathOutside' }],
      });
    }
    const twice = checkManifest({ ...good, spec: ['spec/app.json', './spec/app.json'] }, 'en');
    expect(twice).toMatchObject({
      ok: false,
      errors: [{ code: 'template.manifest.duplicatePart' }],
    });
  });

  it('refuses a manifest that is not an object', () => {
    expect(checkManifest([good], 'en')).toMatchObject({
      ok: false,
      errors: [{ path: 'template.json', code: 'template.manifest.notObject' }],
    });
  });

  it('checks the gallery entries: labels in every locale, previews as images inside the folder', () => {
    const result = checkManifest(
      {
        ...good,
        label: { 'zh-CN': '教育', en: '' },
        defaultLocale: 'fr',
        previews: ['previews/board.png', 'previews/notes.txt', '../x.png'],
        engine: 'newest',
        lisence: 'MIT',
      },
      'en',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ['template.json#/lisence', 'template.manifest.unknownKey'],
      ['template.json#/engine', 'template.manifest.engineRange'],
      ['template.json#/defaultLocale', 'template.manifest.defaultLocale'],
      ['template.json#/label', 'template.manifest.labelLocale'],
      ['template.json#/previews', 'template.manifest.previewType'],
      ['template.json#/previews', 'template.manifest.pathOutside'],
    ]);
    expect(result.errors[0]?.message).toMatch(/"lisence" in template.json is not a known entry/);
    const zh = checkManifest({ ...good, engine: 'newest' }, 'zh-CN');
    expect(!zh.ok && zh.errors[0]?.message).toContain('不是有效的版本范围');
    expect(
      checkManifest({ ...good, previews: ['previews/board.png'], $schema: 'x.json' }, 'en').ok,
    ).toBe(true);
  });
});
