/** Decimal places of a currency's minor unit (CNY 2, JPY 0), from Intl. */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/**
 * Money as people type it (yuan: "1,999.50", "１９９９.５") to the stored integer of minor
 * units (fen: 199950). Text that is not an amount is returned as it is, so validation names it.
 */
export function toMinorUnits(text: string, currency: string): number | string | null {
  const compact = text
    .normalize('NFKC')
    .trim()
    .replace(/[,\s_¥￥$]/g, '');
  if (compact === '') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(compact)) return text;
  const digits = minorDigits(currency);
  return Math.round(Number(compact) * 10 ** digits);
}

/** The stored minor units as the amount people read and edit ("1999.50"), or "" when empty. */
export function fromMinorUnits(value: unknown, currency: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value))
    return typeof value === 'string' ? value : '';
  const digits = minorDigits(currency);
  return (value / 10 ** digits).toFixed(digits);
}

/** An amount in minor units formatted for `locale` ("¥1,999.50"). */
export function formatMoney(value: number, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
    value / 10 ** digits,
  );
}
