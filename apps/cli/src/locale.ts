/** Locales the CLI (and every spec message) speaks. */
export const CLI_LOCALES = ['zh-CN', 'en'] as const;
export type CliLocale = (typeof CLI_LOCALES)[number];

/** Narrows an arbitrary string to a supported locale. */
function isCliLocale(value: unknown): value is CliLocale {
  return typeof value === 'string' && (CLI_LOCALES as readonly string[]).includes(value);
}

/**
 * The locale of a POSIX locale name (`LANG=en_US.UTF-8` -> en, `zh_CN.UTF-8` -> zh-CN); other
 * languages and `C`/`POSIX` say nothing.
 */
export function localeOfLang(lang: string | undefined): CliLocale | undefined {
  const language = /^([a-z]{2})(?:[_-]|\.|$)/i.exec(lang ?? '')?.[1]?.toLowerCase();
  return language === 'zh' ? 'zh-CN' : language === 'en' ? 'en' : undefined;
}

/**
 * The locale used before commander has parsed the options (help texts are built first):
 * an explicit `--locale x` / `--locale=x` in argv, then TRELLIS_LOCALE, then the system's
 * LC_ALL / LC_MESSAGES / LANG when it is Chinese or English, then zh-CN, the product default.
 */
export function preScanLocale(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): CliLocale {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value =
      arg === '--locale'
        ? argv[i + 1]
        : arg?.startsWith('--locale=')
          ? arg.slice('--locale='.length)
          : undefined;
    if (isCliLocale(value)) return value;
  }
  if (isCliLocale(env.TRELLIS_LOCALE)) return env.TRELLIS_LOCALE;
  // The first of the POSIX variables that is set decides, as for any program.
  const system = env.LC_ALL || env.LC_MESSAGES || env.LANG;
  return localeOfLang(system) ?? 'zh-CN';
}

/** The text of `locale`: the Chinese or the English one. */
export function say(locale: CliLocale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}
