import { interpolate, type Locale } from '@trellis/rules';

/**
 * The form runtime's own words (zh-CN and en); record rule messages come from
 * `@trellis/rules`. A plain catalogue rather than i18next keeps the public page small; the
 * `satisfies` clause makes a missing translation a type error.
 */
const catalogue = {
  submit: { 'zh-CN': '提交', en: 'Submit' },
  submitting: { 'zh-CN': '提交中…', en: 'Submitting…' },
  required: { 'zh-CN': '必填', en: 'required' },
  optional: { 'zh-CN': '选填', en: 'optional' },
  summary: {
    'zh-CN': '有 {count} 处需要修改，请查看标红的项目',
    en: 'Fields to fix ({count}): see those marked in red',
  },
  draftRestored: {
    'zh-CN': '已恢复你上次未提交的内容',
    en: 'Restored what you entered last time',
  },
  discardDraft: { 'zh-CN': '清空', en: 'Discard' },
  select: { 'zh-CN': '请选择', en: 'Select…' },
  search: { 'zh-CN': '输入关键字搜索', en: 'Type to search' },
  noMatch: { 'zh-CN': '没有匹配的结果', en: 'No matches' },
  loading: { 'zh-CN': '加载中…', en: 'Loading…' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  upload: { 'zh-CN': '上传文件', en: 'Upload a file' },
  uploadFailed: { 'zh-CN': '“{name}”上传失败', en: 'Could not upload "{name}"' },
  notAvailable: {
    'zh-CN': '此项不能在这里填写',
    en: 'This cannot be filled in here',
  },
  empty: { 'zh-CN': '—', en: '—' },
  // What an empty date input shows in Chromium in each language (a light set's stand-in says it too).
  province: { 'zh-CN': '省份', en: 'Province' },
  city: { 'zh-CN': '城市', en: 'City' },
  district: { 'zh-CN': '区县', en: 'District' },
  serverError: {
    'zh-CN': '提交失败，请稍后重试',
    en: 'Could not submit; please try again',
  },
} satisfies Record<string, Record<Locale, string>>;

export type FormMessageKey = keyof typeof catalogue;

/** A form runtime message in `locale` with `{param}` placeholders filled. */
export function formMessage(
  locale: Locale,
  key: FormMessageKey,
  params: Record<string, unknown> = {},
): string {
  return interpolate(catalogue[key][locale], params);
}

/** Every key of the catalogue (for the parity test and for callers listing them). */
export const FORM_MESSAGE_KEYS = Object.keys(catalogue) as FormMessageKey[];
