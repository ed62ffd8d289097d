import type { Locale } from '@trellis/rules';
import { pageMessage } from './messages';

const NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** 中文 / English, as two buttons (the current one pressed). */
export function LocaleSwitch({
  locale,
  locales,
  onChange,
}: {
  locale: Locale;
  locales: readonly string[];
  onChange(next: Locale): void;
}) {
  const offered = (['zh-CN', 'en'] as const).filter((l) => locales.includes(l));
  if (offered.length < 2) return null;
  return (
    <div className="tf-lang" role="group" aria-label={pageMessage(locale, 'language')}>
      {offered.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="tf-lang-button"
          aria-pressed={l === locale}
          onClick={() => onChange(l)}
        >
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
