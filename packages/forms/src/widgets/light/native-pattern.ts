/**
 * What an empty native date (or date-and-time) input shows in this browser: Chromium lays it out
 * in the browser's own locale (its order and separators: mm/dd/yyyy in en-US, dd/mm/yyyy in
 * en-GB, 年/月/日 in zh-CN), whatever language the page or the form is in. The light set's
 * stand-in shows the same, so nothing changes as it becomes the native input. `locale`: the
 * browser's formatting locale (Intl's default; in Chromium its interface language).
 */
export function nativeDatePattern(
  withTime: boolean,
  locale: string = new Intl.DateTimeFormat().resolvedOptions().locale,
): string {
  const key = `${locale} ${withTime}`;
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    pattern = build(withTime, locale);
    patterns.set(key, pattern);
  }
  return pattern;
}

const patterns = new Map<string, string>();

// Chinese and Japanese name the parts 年 月 日; other languages are shown with the letters
// of English (a German browser's TT.MM.JJJJ shows as dd.mm.yyyy: the order is right).
const cjk = { year: '年', month: '月', day: '日' };
const latin = { year: 'yyyy', month: 'mm', day: 'dd' };

function build(withTime: boolean, locale: string): string {
  const names = /^(zh|ja)\b/i.test(locale) ? cjk : latin;
  const parts = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).formatToParts(new Date(2000, 10, 22, 13, 5));
  return parts
    .map((p) =>
      p.type === 'year' || p.type === 'month' || p.type === 'day'
        ? names[p.type]
        : p.type === 'hour' || p.type === 'minute' || p.type === 'dayPeriod'
          ? '--'
          : p.value.replace(/[\u00a0\u202f]/g, ' '),
    )
    .join('');
}
