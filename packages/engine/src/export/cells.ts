import type { EntitySpec, FieldSpec } from '@trellis/spec';
import { localize, regionNamesEn, regionPath } from '@trellis/spec';
import type { Locale } from '../ports';

/**
 * One column of an export: a system field or a field the reader may see. `names` turns a stored
 * key or id into what the list shows (a stage's name, an owner's or team's name).
 */
export type ExportColumn = {
  key: string;
  label: string;
  field?: FieldSpec;
  names?: ReadonlyMap<string, string>;
};

/** What the columns of keys and ids are read as: stage names, people's and teams' names. */
export type ExportNames = {
  stages: ReadonlyMap<string, string>;
  users: ReadonlyMap<string, string>;
  teams: ReadonlyMap<string, string>;
};

const NO_NAMES: ExportNames = { stages: new Map(), users: new Map(), teams: new Map() };

const SYSTEM_NAMES: Record<string, keyof ExportNames> = {
  stage: 'stages',
  ownerId: 'users',
  teamId: 'teams',
};

const SYSTEM_LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  id: { 'zh-CN': '编号', en: 'ID' },
  stage: { 'zh-CN': '阶段', en: 'Stage' },
  ownerId: { 'zh-CN': '负责人', en: 'Owner' },
  teamId: { 'zh-CN': '团队', en: 'Team' },
  createdAt: { 'zh-CN': '创建时间', en: 'Created at' },
  updatedAt: { 'zh-CN': '更新时间', en: 'Updated at' },
};

/**
 * The columns of an export: id and a few system fields, then the visible fields in spec order.
 * Stage, owner, team and user-field cells carry names, as the list shows them, not keys or ids.
 */
export function exportColumns(
  entity: EntitySpec,
  visible: readonly string[],
  locale: Locale,
  names: ExportNames = NO_NAMES,
): ExportColumn[] {
  const shown = new Set(visible);
  return [
    ...Object.entries(SYSTEM_LABELS).map(([key, l]) => {
      const lookup = SYSTEM_NAMES[key];
      return {
        key,
        label: l[locale === 'en' ? 'en' : 'zh-CN'],
        ...(lookup ? { names: names[lookup] } : {}),
      };
    }),
    ...entity.fields
      .filter((f) => shown.has(f.key))
      .map((f) => ({
        key: f.key,
        label: localize(f.label, locale),
        field: f,
        ...(f.type === 'user' ? { names: names.users } : {}),
      })),
  ];
}

const named = (names: ReadonlyMap<string, string>, value: unknown): string =>
  names.get(String(value)) ?? String(value);

// Building a formatter costs ~50 µs: one per zone and shape, reused for every cell of an export.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}\u0000${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

function wallTime(ms: number, timeZone: string, withTime: boolean): string {
  const parts = formatter(timeZone, withTime).formatToParts(new Date(ms));
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '';
  return withTime
    ? `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`
    : `${p('year')}-${p('month')}-${p('day')}`;
}

function optionLabel(field: FieldSpec, value: unknown, locale: Locale): string {
  if (field.type !== 'select' && field.type !== 'multiselect') return String(value);
  const o = field.options.find((x) => x.value === value);
  return o ? localize(o.label, locale) : String(value);
}

// A region as the list shows it ("浙江省 杭州市 西湖区"; in English "Xihu District, Hangzhou,
// Zhejiang"); an import reads both back (engine import/region-english.ts for the English).
function regionText(code: string, locale: Locale): string {
  const path = locale === 'en' ? regionPath(code, regionNamesEn()) : regionPath(code);
  return path === undefined ? code : path.replaceAll(' / ', ' ');
}

/**
 * A stored value as a person reads it in a spreadsheet (and as an import reads it back):
 * option labels, 是/否, region names, times in the reader's zone, money in currency units.
 */
export function exportValue(
  column: ExportColumn,
  value: unknown,
  locale: Locale,
  timeZone: string,
): string | number | null {
  if (value === null || value === undefined) return null;
  const f = column.field;
  if (column.names) {
    const names = column.names;
    return Array.isArray(value)
      ? value.map((v) => named(names, v)).join('、')
      : named(names, value);
  }
  if (!f) {
    if ((column.key === 'createdAt' || column.key === 'updatedAt') && typeof value === 'number')
      return wallTime(value, timeZone, true);
    return typeof value === 'object' ? JSON.stringify(value) : (value as string | number);
  }
  switch (f.type) {
    case 'select':
      return optionLabel(f, value, locale);
    case 'multiselect':
      return Array.isArray(value)
        ? value.map((v) => optionLabel(f, v, locale)).join('、')
        : String(value);
    case 'boolean':
      return value === true ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否';
    case 'datetime':
      return typeof value === 'number' ? wallTime(value, timeZone, true) : String(value);
    case 'money':
      return typeof value === 'number' ? value / 100 : String(value);
    case 'region':
      return regionText(String(value), locale);
    case 'number':
    case 'percent':
      return typeof value === 'number' ? value : String(value);
    default:
      return Array.isArray(value)
        ? value.join('、')
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  }
}

/**
 * A CSV cell: always quoted; text a spreadsheet would run as a formula (= + - @, tab, CR at the
 * start) gets a leading apostrophe (CSV injection, OWASP).
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}
