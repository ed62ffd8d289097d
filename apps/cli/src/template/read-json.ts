import { readFileSync, statSync } from 'node:fs';
import { t } from '../messages';
import type { CliLocale } from '../locale';
import type { CliIssue } from './types';

export type JsonRead = { ok: true; value: unknown } | { ok: false; error: CliIssue };

/**
 * Reads and parses one JSON file. Never throws: a missing, unreadable or malformed file comes
 * back as an issue whose `path` is `label` (how the file is named to the user).
 */
export function readJsonFile(file: string, label: string, locale: CliLocale): JsonRead {
  let text: string;
  try {
    if (statSync(file).isDirectory()) {
      return fail(
        label,
        'file.unreadable',
        t(locale, 'file.unreadable', { file: label, reason: 'EISDIR' }),
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return fail(label, 'file.notFound', t(locale, 'file.notFound', { file: label }));
    return fail(
      label,
      'file.unreadable',
      t(locale, 'file.unreadable', { file: label, reason: code ?? String(error) }),
    );
  }
  try {
    // A UTF-8 byte-order mark is common in files saved by Windows editors; JSON.parse rejects it.
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(label, 'file.malformed', t(locale, 'file.malformed', { file: label, reason }));
  }
}

function fail(path: string, code: string, message: string): JsonRead {
  return { ok: false, error: { path, code, message } };
}
