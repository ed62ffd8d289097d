/** Locales the CLI (and every spec message) speaks. */
export const CLI_LOCALES = ['zh-CN', 'en'] as const;
export type CliLocale = (typeof CLI_LOCALES)[number];

/** Narrows an arbitrary string to a supported locale. */
export function isCliLocale(value: unknown): value is CliLocale {
  return typeof value === 'string' && (CLI_LOCALES as readonly string[]).includes(value);
}

/**
 * The locale used before commander has parsed the options (help texts are built first):
 * an explicit `--locale x` / `--locale=x` in argv, then TRELLIS_LOCALE, then zh-CN, the product default.
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
  return isCliLocale(env.TRELLIS_LOCALE) ? env.TRELLIS_LOCALE : 'zh-CN';
}

/** The text of `locale`: the Chinese or the English one. */
export function say(locale: CliLocale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}
