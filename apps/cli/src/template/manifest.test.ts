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
});
