import { validRange } from 'semver';
import { SUPPORTED_LOCALES, type Locale } from '../schema/common';
import { templateIssue, type TemplateIssue } from './messages';

type LocaleMap = Partial<Record<Locale, string>>;

/**
 * `template.json`: what a template is, and where its parts live (docs/templates.md).
 * `spec` is one file or an ordered list of files, merged by the bundler.
 */
export type TemplateManifest = {
  /** Editor hint: path of `template.schema.json`. */
  $schema?: string;
  /** Name, lower-case letters, digits and `-`, e.g. `education`; unique in a workspace. */
  name: string;
  /** Semantic version of the template itself (`1.2.0`); an upgrade compares it. */
  version: string;
  /** Title shown in the template gallery, per locale. */
  label?: LocaleMap;
  /** What the template is for, per locale. */
  description?: LocaleMap;
  /** Locales every label of the template provides. */
  locales: Locale[];
  defaultLocale?: Locale;
  /** Range of Trellis engine versions the template works with, e.g. `>=0.1.0 <1.0.0`. */
  engine: string;
  /** Spec file(s), relative to the template folder, merged in this order. */
  spec: string | string[];
  /** The demo-data recipe (`trellis seed`, `trellis init --demo`). */
  demo?: string;
  /** Screenshots shown in the gallery (png, jpg, webp or svg inside the folder), in order. */
  previews?: string[];
};

const KNOWN = [
  '$schema',
  'name',
  'version',
  'label',
  'description',
  'locales',
  'defaultLocale',
  'engine',
  'spec',
  'demo',
  'previews',
];
const NAME = /^[a-z][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
const IMAGE = /\.(png|jpe?g|webp|svg)$/i;

export type ManifestCheck =
  { ok: true; manifest: TemplateManifest } | { ok: false; errors: TemplateIssue[] };

/** Checks a parsed template.json; returns the manifest or every problem (paths `template.json#/key`). */
export function checkManifest(raw: unknown, locale: Locale): ManifestCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return {
      ok: false,
      errors: [templateIssue(locale, 'template.json', 'template.manifest.notObject')],
    };
  const m = raw as Record<string, unknown>;
  const errors: TemplateIssue[] = [];
  const issue = (key: string, code: string, params: Record<string, unknown> = {}): void => {
    errors.push(templateIssue(locale, `template.json#/${key}`, code, { key, ...params }));
  };
  const say = (zh: string, en: string) => (locale === 'en' ? en : zh);
  const text = (key: string, pattern?: RegExp, hint?: string): void => {
    const value = m[key];
    if (value === undefined) return issue(key, 'template.manifest.required');
    if (typeof value !== 'string')
      return issue(key, 'template.manifest.type', { expected: say('字符串', 'a string') });
    if (pattern && !pattern.test(value)) issue(key, 'template.manifest.pattern', { hint });
  };
  for (const key of Object.keys(m))
    if (!KNOWN.includes(key))
      issue(key, 'template.manifest.unknownKey', { known: KNOWN.slice(1).join(', ') });
  text('name', NAME, 'a-z, 0-9, -');
  text('version', SEMVER, '1.2.3');
  text('engine');
  if (typeof m.engine === 'string' && validRange(m.engine) === null)
    issue('engine', 'template.manifest.engineRange', { value: m.engine });
  const locales = checkLocales(m, issue, say);
  for (const key of ['label', 'description']) checkLocaleMap(m[key], key, locales, issue, say);
  checkSpecPaths(m.spec, issue, say);
  if (m.demo !== undefined && (typeof m.demo !== 'string' || !isInside(m.demo)))
    issue('demo', 'template.manifest.pathOutside', { value: String(m.demo) });
  checkPreviews(m.previews, issue, say);
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, manifest: m as unknown as TemplateManifest };
}

type Issue = (key: string, code: string, params?: Record<string, unknown>) => void;
type Say = (zh: string, en: string) => string;

function checkLocales(m: Record<string, unknown>, issue: Issue, say: Say): string[] {
  if (!Array.isArray(m.locales) || m.locales.length === 0) {
    issue(
      'locales',
      m.locales === undefined ? 'template.manifest.required' : 'template.manifest.type',
      { expected: say('非空列表', 'a non-empty list') },
    );
    return [];
  }
  const supported = SUPPORTED_LOCALES as readonly unknown[];
  for (const value of m.locales)
    if (!supported.includes(value)) issue('locales', 'template.manifest.locale', { value });
  if (m.defaultLocale !== undefined && !m.locales.includes(m.defaultLocale))
    issue('defaultLocale', 'template.manifest.defaultLocale', { value: String(m.defaultLocale) });
  return m.locales.filter((l): l is string => typeof l === 'string');
}

function checkLocaleMap(
  value: unknown,
  key: string,
  locales: string[],
  issue: Issue,
  say: Say,
): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return issue(key, 'template.manifest.type', {
      expected: say('各语言文本的对象', 'a map of texts per locale'),
    });
  const texts = value as Record<string, unknown>;
  for (const l of locales)
    if (typeof texts[l] !== 'string' || texts[l] === '')
      issue(key, 'template.manifest.labelLocale', { value: l });
}

function checkSpecPaths(spec: unknown, issue: Issue, say: Say): void {
  if (spec === undefined) return issue('spec', 'template.manifest.required');
  const list = typeof spec === 'string' ? [spec] : spec;
  if (!Array.isArray(list) || list.length === 0 || !list.every((p) => typeof p === 'string'))
    return issue('spec', 'template.manifest.type', {
      expected: say(
        '文件路径或非空的文件路径列表',
        'a file path or a non-empty list of file paths',
      ),
    });
  const seen = new Set<string>();
  for (const path of list as string[]) {
    if (!isInside(path)) issue('spec', 'template.manifest.pathOutside', { value: path });
    const key = normalizePath(path);
    if (seen.has(key)) issue('spec', 'template.manifest.duplicatePart', { value: path });
    seen.add(key);
  }
}

function checkPreviews(previews: unknown, issue: Issue, say: Say): void {
  if (previews === undefined) return;
  if (!Array.isArray(previews) || !previews.every((p) => typeof p === 'string'))
    return issue('previews', 'template.manifest.type', {
      expected: say('图片文件路径列表', 'a list of image file paths'),
    });
  for (const path of previews as string[]) {
    if (!isInside(path)) issue('previews', 'template.manifest.pathOutside', { value: path });
    else if (!IMAGE.test(path)) issue('previews', 'template.manifest.previewType', { value: path });
  }
}

/** Collapses `.` and `..` segments and backslashes of a relative path (`./a/../b` -> `b`). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split(/[\\/]+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

// Paths are resolved against the template folder and must not leave it, so installing a
// downloaded template can never read arbitrary files.
function isInside(path: string): boolean {
  if (path === '' || /^[\\/]/.test(path) || /^[a-zA-Z]:/.test(path)) return false;
  const normal = normalizePath(path);
  return normal !== '' && normal.split('/')[0] !== '..';
}

/** The manifest's spec entry as an ordered list of relative paths. */
export function specFiles(manifest: TemplateManifest): string[] {
  return typeof manifest.spec === 'string' ? [manifest.spec] : manifest.spec;
}
