import type { FieldError, Locale } from '@trellis/rules';
import { om } from './messages';
import type { HandoverRules } from './policy';

/**
 * The handover note (《客户背景摘要》, seed 003): the customer's key needs, the risks the new
 * owner must know (e.g. "refuses phone sales"), open items, and free text.
 */
export type HandoverNote = { needs?: string[]; risks?: string[]; open?: string[]; text?: string };

/** What the "protocol" note asks for: 3 key needs, 2 risks, 1 open item. */
export const PROTOCOL = { needs: 3, risks: 2, open: 1 } as const;
const MAX = 1000;

const list = (v: unknown): string[] =>
  Array.isArray(v)
    ? v
        .filter((s): s is string => typeof s === 'string')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : [];

/** The note trimmed to its filled items (unknown keys dropped); null when nothing is in it. */
export function cleanNote(input: unknown): HandoverNote | null {
  if (typeof input !== 'object' || input === null) return null;
  const o = input as Record<string, unknown>;
  const note: HandoverNote = {};
  for (const k of ['needs', 'risks', 'open'] as const) {
    const items = list(o[k]);
    if (items.length > 0) note[k] = items;
  }
  if (typeof o.text === 'string' && o.text.trim() !== '') note.text = o.text.trim();
  return Object.keys(note).length > 0 ? note : null;
}

/** Errors of a note under the entity's rule, each on its path (`/note/needs`, ...). */
export function noteErrors(
  note: HandoverNote | null,
  rules: HandoverRules,
  locale: Locale,
): FieldError[] {
  const errors: FieldError[] = [];
  const items = [
    ...(note?.needs ?? []),
    ...(note?.risks ?? []),
    ...(note?.open ?? []),
    note?.text ?? '',
  ];
  if (items.some((s) => s.length > MAX))
    errors.push({
      path: '/note',
      code: 'too_long',
      message: om(locale, 'noteTooLong', { max: MAX }),
      params: { max: MAX },
    });
  if (rules.note !== 'protocol') return errors;
  for (const k of ['needs', 'risks', 'open'] as const) {
    const need = PROTOCOL[k];
    const have = note?.[k]?.length ?? 0;
    if (have < need) {
      const what = om(locale, k, { n: need });
      errors.push({
        path: `/note/${k}`,
        code: 'required',
        message: om(locale, 'noteNeeded', { what }),
        params: { need, have },
      });
    }
  }
  return errors;
}
