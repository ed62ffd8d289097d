import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { satisfies } from 'semver';
import { ENGINE_VERSION } from '@trellis/engine';
import { templateIssue, validateSpec, type Locale, type TemplateIssue } from '@trellis/spec';
import { bundleTemplate, type TemplateBundle } from './bundle';
import { readJsonFile } from './read-json';
import type { ReadFailure } from './types';

/** A checked template folder: the bundle and every problem, errors and warnings. */
export type TemplateCheck =
  | { ok: true; bundle: TemplateBundle; warnings: TemplateIssue[] }
  | { ok: false; kind: 'unreadable' | 'invalid'; errors: TemplateIssue[]; bundle?: TemplateBundle };

/**
 * Everything `trellis template validate` and the gallery check before a template is packed or
 * installed: the manifest, the part files and their bundle, the spec with `validateSpec` (the
 * builder's own messages, with the part file each error sits in), the engine range against this
 * Trellis, the demo recipe and the previews the manifest names, and what npm needs to publish it
 * (package.json with the manifest's version, not private). A part without `$schema` and a missing
 * README are warnings. Never throws.
 */
export function checkTemplate(
  dir: string,
  opts: { locale?: Locale; engineVersion?: string } = {},
): TemplateCheck {
  const locale = opts.locale ?? 'zh-CN';
  const bundle = bundleTemplate(dir, { locale });
  if (!bundle.ok) return bundle as ReadFailure;
  const errors: TemplateIssue[] = [];
  const warnings: TemplateIssue[] = [];
  const m = bundle.manifest;
  const version = opts.engineVersion ?? ENGINE_VERSION;
  if (!satisfies(version, m.engine, { includePrerelease: true }))
    errors.push(
      templateIssue(locale, 'template.json#/engine', 'template.engineMismatch', {
        range: m.engine,
        version,
      }),
    );
  const spec = validateSpec(bundle.spec, { locale });
  for (const e of spec.errors) {
    const source = bundle.sourceOf(e.path);
    errors.push({
      path: e.path,
      code: e.code,
      message: e.message,
      params: { ...(e.params ?? {}), ...(source ? { source } : {}) },
    });
  }
  for (const part of bundle.parts)
    if (typeof (part.value as Record<string, unknown>).$schema !== 'string')
      warnings.push(
        templateIssue(locale, part.file, 'template.part.noSchema', { file: part.file }, 'warning'),
      );
  for (const file of [...(m.demo ? [m.demo] : []), ...(m.previews ?? [])])
    if (!existsSync(join(dir, file)))
      errors.push(
        templateIssue(
          locale,
          file,
          file === m.demo ? 'file.notFound' : 'template.preview.missing',
          { file },
        ),
      );
  if (m.demo && existsSync(join(dir, m.demo))) {
    const demo = readJsonFile(join(dir, m.demo), m.demo, locale);
    if (!demo.ok) errors.push(demo.error);
  }
  if (!existsSync(join(dir, 'README.md')))
    warnings.push(templateIssue(locale, 'README.md', 'template.readme.missing', {}, 'warning'));
  errors.push(...packageProblems(dir, bundle, locale));
  return errors.length > 0
    ? { ok: false, kind: 'invalid', errors: [...errors, ...warnings], bundle }
    : { ok: true, bundle, warnings };
}

function packageProblems(dir: string, bundle: TemplateBundle, locale: Locale): TemplateIssue[] {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return [templateIssue(locale, 'package.json', 'template.package.missing')];
  const read = readJsonFile(file, 'package.json', locale);
  if (!read.ok) return [read.error];
  const pkg = read.value as { version?: unknown; private?: unknown; files?: unknown };
  const out: TemplateIssue[] = [];
  if (pkg.version !== bundle.manifest.version)
    out.push(
      templateIssue(locale, 'package.json#/version', 'template.package.version', {
        package: String(pkg.version),
        template: bundle.manifest.version,
      }),
    );
  if (pkg.private === true)
    out.push(templateIssue(locale, 'package.json#/private', 'template.package.private'));
  if (Array.isArray(pkg.files)) {
    const listed = pkg.files.filter((f): f is string => typeof f === 'string');
    const m = bundle.manifest;
    for (const needed of ['template.json', ...bundle.files, ...(m.demo ? [m.demo] : [])])
      if (!packed(needed, listed))
        out.push(
          templateIssue(locale, 'package.json#/files', 'template.package.notPacked', {
            file: needed,
          }),
        );
  }
  return out;
}

// npm's `files` lists files or folders (a folder takes everything under it); globs are left to npm.
function packed(file: string, listed: string[]): boolean {
  return listed.some((entry) => {
    const e = entry.replace(/^\.\//, '').replace(/\/$/, '');
    return e.includes('*') || file === e || file.startsWith(`${e}/`);
  });
}
