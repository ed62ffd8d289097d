/**
 * Where a rendered text quotes record fields: `[start, end, field]` (UTF-16 offsets, end
 * exclusive). Automation messages, task titles and SLA reminders are rendered from templates,
 * so the engine knows exactly which characters came from which field and redacts those — on the
 * data, never by searching the text for values.
 */
export type TextSpan = [start: number, end: number, field: string];

/** The spans of each free-text property of a stored item, e.g. `{ title: [...], body: [...] }`. */
export type TextSpans = Record<string, TextSpan[]>;

/** The key under which rendered items keep their spans (in a notification's payload, a task's source). */
export const TEXT_SPANS_KEY = 'textSpans';

/** What a reader sees instead of a value hidden from them. */
export const MASK = '•••';

/** Replaces the spans of hidden fields with MASK; other characters stay as they are. */
export function maskSpans(
  text: string,
  spans: readonly TextSpan[] | undefined,
  hidden: ReadonlySet<string>,
): string {
  if (!spans || spans.length === 0 || hidden.size === 0) return text;
  const sorted = spans
    .filter((s) => hidden.has(s[2]) && s[0] >= 0 && s[1] > s[0] && s[1] <= text.length)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue; // overlapping spans: the first one already masked this part
    out += text.slice(at, start) + MASK;
    at = end;
  }
  return out + text.slice(at);
}

/** Reads the spans an item carries (null when it has none: written by a person or an older version). */
export function spansOf(holder: unknown): TextSpans | null {
  if (typeof holder !== 'object' || holder === null) return null;
  const spans = (holder as Record<string, unknown>)[TEXT_SPANS_KEY];
  if (typeof spans !== 'object' || spans === null || Array.isArray(spans)) return null;
  return spans as TextSpans;
}

/** A copy of a holder (payload, source) without its spans; spans name fields, maybe hidden ones. */
export function withoutSpans(holder: unknown): unknown {
  if (typeof holder !== 'object' || holder === null || !(TEXT_SPANS_KEY in holder)) return holder;
  const { [TEXT_SPANS_KEY]: _spans, ...rest } = holder as Record<string, unknown>;
  return rest;
}
