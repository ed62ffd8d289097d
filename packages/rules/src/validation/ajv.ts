import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import localizeEn from 'ajv-i18n/localize/en';
import localizeZh from 'ajv-i18n/localize/zh';
import type { Locale } from '../types';

/** One ajv instance per schema cache: compiled validators are reused for the life of a spec version. */
export function createAjv(): Ajv {
  // allErrors: a form should show every problem at once, not the first one.
  const ajv = new Ajv({ allErrors: true, strict: false, messages: true });
  addFormats(ajv, ['date', 'email', 'uri', 'date-time', 'regex']);
  return ajv;
}

/** Rewrites ajv's built-in messages in place into `locale` (ajv-i18n). */
export function localizeAjvErrors(errors: ErrorObject[], locale: Locale): void {
  if (locale === 'zh-CN') localizeZh(errors);
  else localizeEn(errors);
}

export type { ErrorObject };
