import { readFileSync, statSync } from 'node:fs';
import { templateIssue, type Locale, type TemplateIssue } from '@trellis/spec';

export type JsonRead = { ok: true; value: unknown } | { ok: false; error: TemplateIssue };

/**
 * Reads and parses one JSON file. Never throws: a missing, unreadable or malformed file comes
 * back as an issue whose `path` is `label` (how the file is named to the user).
 */
export function readJsonFile(file: string, label: string, locale: Locale): JsonRead {
  let text: string;
  try {
    if (statSync(file).isDirectory()) {
      return fail(locale, label, 'file.unreadable', { file: label, reason: 'EISDIR' });
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail(locale, label, 'file.notFound', { file: label });
    return fail(locale, label, 'file.unreadable', { file: label, reason: code ?? String(error) });
  }
  try {
    // A UTF-8 byte-order mark is common in files saved by Windows editors; JSON.parse rejects it.
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(locale, label, 'file.malformed', { file: label, reason });
  }
}

function fail(
  locale: Locale,
  path: string,
  code: string,
  params: Record<string, unknown>,
): JsonRead {
  const { params: _params, ...error } = templateIssue(locale, path, code, params);
  return { ok: false, error };
}
