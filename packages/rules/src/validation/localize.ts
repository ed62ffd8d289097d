import localizeEn from 'ajv-i18n/localize/en';
import localizeZh from 'ajv-i18n/localize/zh';
import type { ErrorObject } from 'ajv';
import type { ValidatorError } from '../model/entity-model';
import type { Locale } from '../types';

/** Rewrites ajv's built-in messages in place into `locale` (ajv-i18n). */
export function localizeAjvErrors(errors: ValidatorError[], locale: Locale): void {
  const list = errors as ErrorObject[];
  if (locale === 'zh-CN') localizeZh(list);
  else localizeEn(list);
}
