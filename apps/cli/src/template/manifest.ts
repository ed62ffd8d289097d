import { isAbsolute, normalize } from 'node:path';
import { t } from '../messages';
import { isCliLocale, type CliLocale } from '../locale';
import type { CliIssue } from './types';

type LocaleMap = Record<string, string>;

/**
 * `template.json`: what a template is, and where its spec lives.
 * `spec` is one file or an ordered list of files, merged by `bundleTemplate` (see docs/templates.md).
 */
export type TemplateManifest = {
  /** Package-style name, e.g. `education`. */
  name: string;
  /** Semantic version of the template itself. */
  version: string;
  label?: LocaleMap;
  description?: LocaleMap;
  /** Locales every label of the template provides. */
  locales: string[];
  defaultLocale?: string;
  /** Range of Trellis engine versions the template works with, e.g. `>=0.1.0 <1.0.0`. */
  engine: string;
  /** Spec file(s), relative to the template folder, merged in this order. */
  spec: string | string[];
  /** Demo-data recipe loaded by `trellis init --demo`. */
  demo?: string;
};

const NAME = /^[a-z][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Checks a parsed template.json; returns the manifest or the list of problems (paths `template.json#/key`). */
export function checkManifest(
  raw: unknown,
  locale: CliLocale,
): { ok: true; manifest: TemplateManifest } | { ok: false; errors: CliIssue[] } {
  const errors: CliIssue[] = [];
  const issue = (key: string, code: string, params: Record<string, unknown> = {}): void => {
    errors.push({
      path: `template.json#/${key}`,
      code,
      message: t(locale, code, { key, ...params }),
      params: { key, ...params },
    });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      errors: [
        {
          path: 'template.json',
          code: 'template.manifest.notObject',
          message: t(locale, 'template.manifest.notObject'),
        },
      ],
    };
  }
  const m = raw as Record<string, unknown>;
  const text = (key: string, pattern?: RegExp, hint?: string): void => {
    const value = m[key];
    if (value === undefined) return issue(key, 'template.manifest.required');
    if (typeof value !== 'string')
      return issue(key, 'template.manifest.type', {
        expected: locale === 'en' ? 'a string' : '字符串',
      });
    if (pattern && !pattern.test(value)) issue(key, 'template.manifest.pattern', { hint });
  };
  text('name', NAME, 'a-z, 0-9, -');
  text('version', SEMVER, '1.2.3');
  text('engine');
  if (!Array.isArray(m.locales) || m.locales.length === 0) {
    issue(
      'locales',
      m.locales === undefined ? 'template.manifest.required' : 'template.manifest.type',
      { expected: locale === 'en' ? 'a non-empty list' : '非空列表' },
    );
  } else {
    for (const value of m.locales)
      if (!isCliLocale(value)) issue('locales', 'template.manifest.locale', { value });
  }
  checkSpecPaths(m.spec, issue, locale);
  if (m.demo !== undefined && (typeof m.demo !== 'string' || !isInside(m.demo)))
    issue('demo', 'template.manifest.pathOutside', { value: String(m.demo) });
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, manifest: m as unknown as TemplateManifest };
}

function checkSpecPaths(
  spec: unknown,
  issue: (key: string, code: string, params?: Record<string, unknown>) => void,
  locale: CliLocale,
): void {
  if (spec === undefined) return issue('spec', 'template.manifest.required');
  const list = typeof spec === 'string' ? [spec] : spec;
  if (!Array.isArray(list) || list.length === 0 || !list.every((p) => typeof p === 'string')) {
    return issue('spec', 'template.manifest.type', {
      expected:
        locale === 'en'
          ? 'a file path or a non-empty list of file paths'
          : '文件路径或非空的文件路径列表',
    });
  }
  const seen = new Set<string>();
  for (const path of list as string[]) {
    if (!isInside(path)) issue('spec', 'template.manifest.pathOutside', { value: path });
    const key = normalize(path);
    if (seen.has(key)) issue('spec', 'template.manifest.duplicatePart', { value: path });
    seen.add(key);
  }
}

// Spec paths are resolved against the template folder; they must not reach outside it,
// so installing a downloaded template can never read arbitrary files.
function isInside(path: string): boolean {
  if (path === '' || isAbsolute(path) || /^[a-zA-Z]:/.test(path)) return false;
  const parts = normalize(path).split(/[\\/]/);
  return parts[0] !== '..';
}

/** The manifest's spec entry as an ordered list of relative paths. */
export function specFiles(manifest: TemplateManifest): string[] {
  return typeof manifest.spec === 'string' ? [manifest.spec] : manifest.spec;
}
