import dayjs from 'dayjs';
import { regionPath, type EntitySpec, type RegionNames } from '@trellis/spec';
import { labelOf, type SpecLabel } from '../../../lib/i18n/label';
import type { Locale } from '../../../lib/i18n/locale';
import type { Stage } from '../../../lib/records/spec-helpers';
import type { FilterRow } from './filter-model';

export type ChipContext = {
  entity: EntitySpec;
  stages: Stage[];
  locale: Locale;
  /** A field's label by key (system fields included). */
  label: (key: string) => string;
  userName: (id: string) => string;
  /** English region names, when the page is English and they have loaded. */
  regionNames: RegionNames | undefined;
  /** The operator's words ("is in", "位于") and yes / no. */
  words: (key: string) => string;
};

const SYSTEM_TYPES: Record<string, string> = {
  stage: 'select',
  ownerId: 'user',
  createdAt: 'datetime',
  updatedAt: 'datetime',
};

/** One value as a person reads it: a place's name, an option's label, a person's name. */
function valueText(row: FilterRow, v: unknown, c: ChipContext): string {
  const field = c.entity.fields.find((f) => f.key === row.field);
  const type = field?.type ?? SYSTEM_TYPES[row.field] ?? 'text';
  if (type === 'region' && typeof v === 'string') return regionPath(v, c.regionNames) ?? v;
  if (row.field === 'stage') {
    const stage = c.stages.find((s) => s.key === v);
    return stage ? labelOf(stage.label, c.locale, stage.key) : String(v);
  }
  if (type === 'user') return c.userName(String(v));
  if (type === 'select' || type === 'multiselect') {
    const options = (field && 'options' in field ? field.options : []) as {
      value: string;
      label: SpecLabel;
    }[];
    const option = options.find((o) => o.value === v);
    return option ? labelOf(option.label, c.locale, option.value) : String(v);
  }
  if (type === 'boolean') return c.words(v === true ? 'filter.yes' : 'filter.no');
  if (type === 'money' && typeof v === 'number')
    return new Intl.NumberFormat(c.locale, { style: 'currency', currency: 'CNY' }).format(v / 100);
  if (type === 'date') return String(v);
  if (type === 'datetime' && typeof v === 'number') return dayjs(v).format('YYYY-MM-DD');
  return String(v);
}

/** A complete filter row as one line: "所在城市 位于 浙江省 / 杭州市", "Stage is one of New, Won". */
export function chipText(row: FilterRow, c: ChipContext): string {
  const head = `${c.label(row.field)} ${c.words(`filter.op.${row.op}`)}`;
  if (row.op === 'empty' || row.op === 'notEmpty') return head;
  const values = Array.isArray(row.value) ? row.value : [row.value];
  const sep = c.locale === 'zh-CN' ? '、' : ', ';
  return `${head} ${values.map((v) => valueText(row, v, c)).join(sep)}`;
}
