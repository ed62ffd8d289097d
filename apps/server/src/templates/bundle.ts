import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkManifest,
  locateSource,
  mergeSpecParts,
  specFiles,
  templateIssue,
  type SourceMap,
  type SpecPart,
  type TemplateIssue,
  type TemplateManifest,
} from '@trellis/spec';
import { readJsonFile } from './read-json';
import type { ReadFailure, ReadOptions } from './types';

/** A template folder's spec merged into one document. */
export type TemplateBundle = {
  ok: true;
  manifest: TemplateManifest;
  /** The merged app spec (without `$schema`). */
  spec: Record<string, unknown>;
  /** The part files in merge order, relative to the folder. */
  files: string[];
  /** Each part file as read (before the merge), in merge order: `$schema` checks read them. */
  parts: SpecPart[];
  /** Maps a JSON pointer into `spec` back to `file#pointer`, for error messages. */
  sourceOf(pointer: string): string | undefined;
};

/**
 * Reads `<dir>/template.json` and merges the spec files it lists (docs/templates.md).
 * Never throws: unreadable or malformed files fail with kind `unreadable`, files that do
 * not fit together (conflicting keys, a bad manifest) with kind `invalid`.
 * Node-only (reads files): the CLI and the server's template gallery use it.
 */
export function bundleTemplate(
  dir: string,
  options: ReadOptions = {},
): TemplateBundle | ReadFailure {
  const locale = options.locale ?? 'zh-CN';
  const manifestFile = join(dir, 'template.json');
  if (!existsSync(manifestFile) && isDirectory(dir)) {
    return unreadable([templateIssue(locale, 'template.json', 'template.noManifest', { dir })]);
  }
  const read = readJsonFile(manifestFile, 'template.json', locale);
  if (!read.ok) return unreadable([read.error]);
  const checked = checkManifest(read.value, locale);
  if (!checked.ok) return { ok: false, kind: 'invalid', errors: checked.errors };

  const files = specFiles(checked.manifest);
  const parts: SpecPart[] = [];
  const readErrors: TemplateIssue[] = [];
  for (const file of files) {
    const part = readJsonFile(join(dir, file), file, locale);
    if (part.ok) parts.push({ file, value: part.value });
    else readErrors.push(part.error);
  }
  if (readErrors.length > 0) return unreadable(readErrors);

  const merged = mergeSpecParts(parts, locale);
  if (!merged.ok) return { ok: false, kind: 'invalid', errors: merged.errors };
  const sources: SourceMap = merged.sources;
  return {
    ok: true,
    manifest: checked.manifest,
    spec: merged.spec,
    files,
    parts,
    sourceOf: (pointer) => locateSource(sources, pointer),
  };
}

function unreadable(errors: TemplateIssue[]): ReadFailure {
  return { ok: false, kind: 'unreadable', errors };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
