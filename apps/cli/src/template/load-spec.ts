import { statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { bundleTemplate, readJsonFile, type ReadFailure, type ReadOptions } from '@trellis/server';
import { templateIssue } from '@trellis/spec';

/** A spec ready to validate, from a single file or a bundled template folder. */
export type LoadedSpec = {
  ok: true;
  spec: unknown;
  /** `file#pointer` for a JSON pointer into `spec`, when the spec came from several files. */
  sourceOf(pointer: string): string | undefined;
};

/**
 * Loads what the user pointed at: a template folder (or its template.json) is bundled,
 * any other file is read as one JSON spec. Never throws.
 */
export function loadSpec(
  target: string,
  label: string,
  options: ReadOptions = {},
): LoadedSpec | ReadFailure {
  const locale = options.locale ?? 'zh-CN';
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch {
    return {
      ok: false,
      kind: 'unreadable',
      errors: [templateIssue(locale, label, 'file.notFound', { file: label })],
    };
  }
  if (isDir || basename(target) === 'template.json') {
    const bundle = bundleTemplate(isDir ? target : dirname(target), options);
    if (!bundle.ok) return bundle;
    return { ok: true, spec: bundle.spec, sourceOf: bundle.sourceOf };
  }
  const read = readJsonFile(target, label, locale);
  if (!read.ok) return { ok: false, kind: 'unreadable', errors: [read.error] };
  return { ok: true, spec: read.value, sourceOf: () => undefined };
}
