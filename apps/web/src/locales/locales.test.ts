import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.gen.ts')
      ? [path]
      : [];
  });
}

const zh = flatten(zhCN as Tree);
const enKeys = flatten(en as Tree);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('UI strings', () => {
  it('has every key in both zh-CN and en', () => {
    expect([...zh.keys()].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys.keys()].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('uses the same {{placeholders}} in both languages and leaves no string empty', () => {
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('defines every key the code asks for with t("...")', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      // A feature with its own strings (features/<f>/locales) reads them first, then the shared ones.
      const own = featureStrings(file);
      const has = (key: string) =>
        [zh, own].some((m) => m && (m.has(key) || m.has(`${key}_other`)));
      for (const m of text.matchAll(/\bt\(\s*['"]([\w.-]+)['"]/g))
        if (!has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/labelKey:\s*['"]([\w.-]+)['"]/g))
        if (!has(m[1]!)) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it("has every key of a feature's own strings in both languages", () => {
    for (const dir of featureLocaleDirs()) {
      const zhOwn = flatten(readJson(join(dir, 'zh-CN.json')));
      const enOwn = flatten(readJson(join(dir, 'en.json')));
      expect(
        [...zhOwn.keys()].filter((k) => !enOwn.has(k)),
        dir,
      ).toEqual([]);
      expect(
        [...enOwn.keys()].filter((k) => !zhOwn.has(k)),
        dir,
      ).toEqual([]);
      for (const [key, text] of zhOwn) {
        expect(text.trim(), key).not.toBe('');
        expect(placeholders(enOwn.get(key) ?? ''), key).toEqual(placeholders(text));
      }
    }
  });
});

const FEATURES = join(__dirname, '..', 'features');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Tree;

function featureLocaleDirs(): string[] {
  return readdirSync(FEATURES)
    .map((f) => join(FEATURES, f, 'locales'))
    .filter((d) => existsSync(join(d, 'zh-CN.json')));
}

function featureStrings(file: string): Map<string, string> | undefined {
  const m = /[\\/]features[\\/]([^\\/]+)[\\/]/.exec(file);
  const path = m ? join(FEATURES, m[1]!, 'locales', 'zh-CN.json') : '';
  return m && existsSync(path) ? flatten(readJson(path)) : undefined;
}
