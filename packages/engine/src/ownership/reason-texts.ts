import { SUPPORTED_LOCALES } from '@trellis/spec';
import type { OwnershipChange } from '@trellis/store';
import type { Locale } from '../ports';
import { TEXTS_KEY } from '../redaction/localized-texts';

/**
 * A ledger reason the platform writes (a reclaim's) in every UI language, as the reason column
 * keeps it: `{"texts":{"zh-CN":"…","en":"…"}}`. Written in the scheduler's language alone, an
 * English rep read "30 天没有跟进，自动收回公海" on the record's timeline.
 */
export function reasonInEveryLocale(render: (locale: Locale) => string): string {
  return JSON.stringify({
    [TEXTS_KEY]: Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, render(l)])),
  });
}

/**
 * A ledger row's reason as a reader of `locale` reads it: a reclaim's in their language; a
 * person's own words, and rows written before reasons kept every language, as stored.
 */
export function reasonFor(
  row: Pick<OwnershipChange, 'kind' | 'reason'>,
  locale: Locale | undefined,
): string | null {
  const { reason } = row;
  if (row.kind !== 'reclaim' || !reason?.startsWith('{')) return reason;
  try {
    const texts = (JSON.parse(reason) as Record<string, unknown>)[TEXTS_KEY] as
      Partial<Record<Locale, unknown>> | undefined;
    const text = texts?.[locale ?? 'zh-CN'] ?? texts?.['zh-CN'];
    return typeof text === 'string' ? text : reason;
  } catch {
    return reason;
  }
}
