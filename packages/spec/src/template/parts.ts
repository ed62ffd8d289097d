import { AppSpecSchema } from '../schema/app';
import type { Locale } from '../schema/common';
import { templateIssue, type TemplateIssue } from './messages';

/**
 * Top-level spec keys that hold lists of objects (entities, forms, pipelines, automations,
 * roles, teams, views, dashboards, activityTypes, quickReplies, webhookSources), read from the
 * metaschema so a new collection needs no change here. Parts contribute to them by
 * concatenation, in the order the manifest lists the files. Every other key (specVersion,
 * name, locales, ...) is set by exactly one file.
 */
export const LIST_KEYS: readonly string[] = Object.entries(
  AppSpecSchema.properties as Record<string, { type?: string; items?: { type?: string } }>,
)
  .filter(([, schema]) => schema.type === 'array' && schema.items?.type === 'object')
  .map(([key]) => key);

// Output order of the bundled document: the metaschema's property order (scalars first, then
// the lists). Keys it does not know follow in the order they appeared (validateSpec reports them).
const ORDER = Object.keys(AppSpecSchema.properties).filter((key) => key !== '$schema');

/** A parsed part file and the name it is shown by (relative to the template folder). */
export type SpecPart = { file: string; value: unknown };

/** Where a piece of the bundled spec came from: bundled pointer prefix -> `file#pointer`. */
export type SourceMap = Record<string, string>;

export type MergeResult =
  | { ok: true; spec: Record<string, unknown>; sources: SourceMap }
  | { ok: false; errors: TemplateIssue[] };

/**
 * Merges spec parts into one document (the merge rule of docs/templates.md):
 * list keys concatenate in file order; any other key may be set by one file only;
 * `$schema` is an editor hint and is dropped. Pure: no I/O, never throws.
 */
export function mergeSpecParts(parts: readonly SpecPart[], locale: Locale): MergeResult {
  const errors: TemplateIssue[] = [];
  const merged: Record<string, unknown> = {};
  const owner: Record<string, string> = {};
  const sources: SourceMap = {};
  const listKeys = new Set<string>(LIST_KEYS);

  for (const { file, value } of parts) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push(templateIssue(locale, file, 'template.part.notObject', { file }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === '$schema') continue;
      const pointerKey = escapePointer(key);
      if (listKeys.has(key)) {
        if (!Array.isArray(item)) {
          errors.push(
            templateIssue(locale, `${file}#/${pointerKey}`, 'template.part.notArray', {
              file,
              key,
            }),
          );
          continue;
        }
        const list = (merged[key] ??= []) as unknown[];
        item.forEach((element, index) => {
          sources[`/${pointerKey}/${list.length}`] = `${file}#/${pointerKey}/${index}`;
          list.push(element);
        });
        continue;
      }
      const first = owner[key];
      if (first !== undefined) {
        errors.push(
          templateIssue(locale, `${file}#/${pointerKey}`, 'template.conflict', {
            key,
            first,
            file,
          }),
        );
        continue;
      }
      owner[key] = file;
      merged[key] = item;
      sources[`/${pointerKey}`] = `${file}#/${pointerKey}`;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, spec: ordered(merged), sources };
}

function ordered(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ORDER) if (key in spec) out[key] = spec[key];
  for (const [key, value] of Object.entries(spec)) if (!(key in out)) out[key] = value;
  return out;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Translates a JSON pointer into the bundled spec back to the file that holds it:
 * `/entities/3/fields/1` -> `spec/entities.json#/entities/0/fields/1`. Undefined when the
 * pointer is the document root or names a key no file set (a missing required key).
 */
export function locateSource(sources: SourceMap, pointer: string): string | undefined {
  const segments = pointer.split('/');
  // Longest known prefix first: `/entities/3` before `/entities`.
  for (let length = Math.min(segments.length, 3); length >= 2; length--) {
    const prefix = segments.slice(0, length).join('/');
    const source = sources[prefix];
    if (source !== undefined) return source + pointer.slice(prefix.length);
  }
  return undefined;
}
