import type { EntitySpec, FieldSpec } from '@trellis/spec';
import { labelOf } from '../i18n/label';
import type { Locale } from '../i18n/locale';
import { phoneTextNow, regionTextNow, type CellLibs } from './cell-formats';
import { textWidthEstimate } from './text-fits';

/**
 * What a formatter may need beyond the value: the language, people's names, and the phone and
 * region libraries once they have loaded (cell-formats.ts; a cheap reading until then).
 */
export type FormatEnv = { locale: Locale; userName: (id: string) => string; cells?: CellLibs };

type Formatter = (field: FieldSpec, value: unknown, env: FormatEnv) => string;

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-US' : 'zh-CN');

// A phone number as read (libphonenumber parses it: the costliest cell of a list row, and rows
// come into view again and again while scrolling), remembered for the last few thousand.
// Before the library is here (cell-formats.ts) a cheap reading, not remembered.
const phoneTexts = new Map<string, string>();
function phoneText(value: string, region: string, libs: CellLibs | undefined): string {
  if (!libs) return phoneTextNow(value, region);
  const key = `${region} ${value}`;
  let text = phoneTexts.get(key);
  if (text === undefined) {
    text = libs.formatPhone(value, region);
    if (phoneTexts.size >= 5000) phoneTexts.clear();
    phoneTexts.set(key, text);
  }
  return text;
}

// Building an Intl formatter costs far more than formatting with it, and a list formats every
// cell of every row coming into view while scrolling: one formatter per language and options.
const intlCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cachedIntl<T extends Intl.NumberFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T {
  let found = intlCache.get(key) as T | undefined;
  if (!found) intlCache.set(key, (found = make()));
  return found;
}
const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions = {}) =>
  cachedIntl(
    `n|${locale}|${JSON.stringify(options)}`,
    () => new Intl.NumberFormat(intlLocale(locale), options),
  );
const dateTimeFormat = (locale: Locale) =>
  cachedIntl(
    `dt|${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }),
  );
const text: Formatter = (_f, v) => (typeof v === 'string' ? v : JSON.stringify(v));
const optionLabel = (field: FieldSpec, value: unknown, locale: Locale): string => {
  const options = 'options' in field ? (field.options as { value: string; label: unknown }[]) : [];
  const found = options.find((o) => o.value === value);
  return found ? labelOf(found.label as never, locale, String(value)) : String(value);
};

/**
 * One formatter per field type (a registry, not a switch): how a stored value reads in a cell,
 * a card or the timeline. Money is stored in fen; datetimes as epoch ms; dates as YYYY-MM-DD.
 */
const FORMATTERS: Record<string, Formatter> = {
  number: (_f, v, { locale }) => numberFormat(locale).format(Number(v)),
  percent: (_f, v, { locale }) =>
    numberFormat(locale, { maximumFractionDigits: 2 }).format(Number(v)) + '%',
  money: (f, v, { locale }) =>
    numberFormat(locale, {
      style: 'currency',
      currency: ('currency' in f && typeof f.currency === 'string' && f.currency) || 'CNY',
    }).format(Number(v) / 100),
  datetime: (_f, v, { locale }) => dateTimeFormat(locale).format(new Date(Number(v))),
  date: text,
  boolean: (_f, v, { locale }) =>
    v ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否',
  select: (f, v, { locale }) => optionLabel(f, v, locale),
  multiselect: (f, v, { locale }) =>
    Array.isArray(v)
      ? v.map((x) => optionLabel(f, x, locale)).join(locale === 'en' ? ', ' : '、')
      : '',
  user: (_f, v, { userName }) => userName(String(v)),
  // Stored as E.164; read in the field's region as people write it ("138 0013 8000").
  phone: (f, v, { cells }) =>
    typeof v === 'string'
      ? phoneText(v, (f.type === 'phone' && f.defaultRegion) || 'CN', cells)
      : '',
  // Region values are GB/T 2260 codes ("330106"); people read the names ("浙江省 杭州市 西湖区",
  // in English "Xihu District, Hangzhou, Zhejiang" once the English names are here).
  region: (_f, v, { cells, locale }) => {
    if (typeof v !== 'string') return '';
    if (!cells || (locale === 'en' && !cells.regionNames)) return regionTextNow();
    const names = locale === 'en' ? cells.regionNames : undefined;
    return cells.regionPath(v, names)?.replaceAll(' / ', ' ') ?? v;
  },
  file: (_f, v) =>
    (Array.isArray(v) ? v : [v])
      .map((x) => (x && typeof x === 'object' && 'name' in x ? String(x.name) : ''))
      .filter(Boolean)
      .join(', '),
};

/** A field's value as text in the user's language ('' for no value). */
export function formatValue(field: FieldSpec | undefined, value: unknown, env: FormatEnv): string {
  if (value === null || value === undefined || value === '') return '';
  if (!field)
    return typeof value === 'number' && value > 1e11
      ? FORMATTERS.datetime!({} as FieldSpec, value, env)
      : text({} as FieldSpec, value, env);
  return (FORMATTERS[field.type] ?? text)(field, value, env);
}

/** The system fields that hold a time (a view may show them as columns, e.g. the SLA's due time). */
export const SYSTEM_TIMES = new Set([
  'createdAt',
  'updatedAt',
  'stageEnteredAt',
  'lastActivityAt',
  'slaDueAt',
]);

/** A list cell's horizontal padding (RecordTable's room is the width less this). */
const CELL_PADDING = 24;
/** The most a choice column asks for: beyond it the longest labels are cut, the rest fit. */
const CHOICE_MOST = 200;

/**
 * The least width (px) of a list column, by the field's type. The record's name (the entity's
 * title field) gets more: a company name such as 杭州华信科技有限公司 is the column people read
 * a list by, and at a text field's 120 px it showed only its city.
 */
export function columnWidth(entity: EntitySpec, key: string, locale: Locale = 'zh-CN'): number {
  if (key === entity.titleField) return 200;
  const field = entity.fields.find((f) => f.key === key);
  const type = field?.type;
  if (SYSTEM_TIMES.has(key) || type === 'datetime') return 170;
  // A place reads whole: "北京市 海淀区" in 120, "浙江省 杭州市 西湖区" in 170; English is wider
  // ("Hangzhou, Zhejiang", "Haidian District, Beijing" were cut after the city in 120).
  if (field?.type === 'region' && field.level !== 'province') {
    const district = field.level !== 'city';
    return locale === 'en' ? (district ? 200 : 160) : district ? 170 : 120;
  }
  // A choice column holds its longest option whole, up to CHOICE_MOST: the labels are known
  // before any row ("WeChat official account" and "Other / undecided" were cut at 120 in English
  // while the name column beside them had room to spare).
  if ((type === 'select' || type === 'multiselect') && field && 'options' in field) {
    const longest = Math.max(
      0,
      ...(field.options as { value: string; label: unknown }[]).map((o) =>
        textWidthEstimate(labelOf(o.label as never, locale, o.value)),
      ),
    );
    const least = type === 'select' ? 120 : 150;
    return Math.min(CHOICE_MOST, Math.max(least, Math.ceil(longest) + CELL_PADDING));
  }
  if (type === 'phone' || type === 'longtext' || type === 'multiselect') return 150;
  if (type === 'number' || type === 'boolean' || type === 'percent') return 90;
  return 120;
}
