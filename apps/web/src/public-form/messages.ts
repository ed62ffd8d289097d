import { interpolate, type Locale } from '@trellis/rules';

/**
 * The public page's own words. A plain catalogue (not i18next: the page is its own small
 * bundle); `satisfies` makes a missing translation a type error.
 */
const catalogue = {
  language: { 'zh-CN': '语言', en: 'Language' },
  thanksTitle: { 'zh-CN': '提交成功', en: 'Thank you' },
  thanksDefault: {
    'zh-CN': '提交成功，我们会尽快联系你。',
    en: 'Thank you, we will be in touch soon.',
  },
  again: { 'zh-CN': '再填一份', en: 'Fill in another' },
  network: {
    'zh-CN': '网络不稳定，提交没有完成。请检查网络后再点一次提交，不会重复登记。',
    en: 'The connection dropped before your answers arrived. Check it and press submit again: you will not be signed up twice.',
  },
  rateLimited: {
    'zh-CN': '提交太频繁，请 {seconds} 秒后再试。',
    en: 'Too many submissions; please try again in {seconds} seconds.',
  },
  serverError: {
    'zh-CN': '服务器暂时无法处理，请稍后再试。',
    en: 'The server could not take your answers just now; please try again shortly.',
  },
  loadFailed: {
    'zh-CN': '表单加载失败，请刷新页面重试。',
    en: 'The form did not load; please reload the page.',
  },
  honeypot: { 'zh-CN': '请勿填写此项', en: 'Leave this empty' },
} satisfies Record<string, Record<Locale, string>>;

export type PageMessageKey = keyof typeof catalogue;

/** A page message in `locale`. */
export function pageMessage(
  locale: Locale,
  key: PageMessageKey,
  params: Record<string, unknown> = {},
): string {
  return interpolate(catalogue[key][locale], params);
}
