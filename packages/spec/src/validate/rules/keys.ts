import { RESERVED_FIELD_KEYS, SYSTEM_FIELDS } from '../../helpers';
import { SUPPORTED_LOCALES } from '../../schema/index';
import type { Ctx } from '../context';
import { ptr } from '../context';

const KINDS: Record<string, string> = {
  entity: '实体',
  field: '字段',
  option: '选项',
  form: '表单',
  pipeline: '流程',
  stage: '阶段',
  automation: '自动化',
  role: '角色',
  team: '团队',
  view: '视图',
  dashboard: '仪表盘',
  widget: '图表',
  'activity type': '活动类型',
  'quick reply': '快捷回复',
  'webhook source': 'Webhook 来源',
};

/** Reports every repeated `key` (or `prop`) in a list, pointing at the repeat. */
function uniqueKeys(
  ctx: Ctx,
  items: readonly unknown[] | undefined,
  path: string,
  kind: string,
  prop = 'key',
  code = 'key.duplicate',
): void {
  const first = new Map<string, number>();
  (items ?? []).forEach((item, i) => {
    const key = (item as Record<string, unknown>)[prop];
    if (typeof key !== 'string') return;
    const at = first.get(key);
    if (at === undefined) first.set(key, i);
    else
      ctx.report(ptr(path, i, prop), code, {
        key,
        value: key,
        kind: ctx.locale === 'en' ? kind : (KINDS[kind] ?? kind),
        first: ptr(path, at),
      });
  });
}

/**
 * Keys that differ only by letter case: SQLite identifiers (tables, columns) are
 * case-insensitive, so `phone` and `Phone` would be one column and `lead`/`Lead` one table.
 * Exact repeats are left to `uniqueKeys`.
 */
function caseClashes(
  ctx: Ctx,
  items: readonly unknown[] | undefined,
  path: string,
  kind: string,
): void {
  const first = new Map<string, { key: string; at: number }>();
  (items ?? []).forEach((item, i) => {
    const key = (item as Record<string, unknown>)['key'];
    if (typeof key !== 'string') return;
    const seen = first.get(key.toLowerCase());
    if (seen === undefined) first.set(key.toLowerCase(), { key, at: i });
    else if (seen.key !== key) {
      ctx.report(ptr(path, i, 'key'), 'key.caseClash', {
        key,
        other: seen.key,
        kind: ctx.locale === 'en' ? kind : (KINDS[kind] ?? kind),
        first: ptr(path, seen.at),
      });
    }
  });
}

/** An alias names one option only, and never the value of another option. */
function optionAliases(
  ctx: Ctx,
  options: readonly { value: string; aliases?: string[] }[],
  path: string,
): void {
  const owner = new Map<string, string>();
  for (const o of options) owner.set(o.value.toLowerCase(), o.value);
  options.forEach((o, i) =>
    (o.aliases ?? []).forEach((alias, k) => {
      const seen = owner.get(alias.toLowerCase());
      if (seen !== undefined && seen !== o.value)
        ctx.report(ptr(path, i, 'aliases', k), 'option.aliasTaken', { alias, other: seen });
      else owner.set(alias.toLowerCase(), o.value);
    }),
  );
}

// Names a field cannot take, compared case-insensitively like SQLite column names: the reserved
// keys, the system fields records carry (ownerId, slaDueAt, ...) and the table's row id column.
const TAKEN_NAMES = [...new Set<string>([...RESERVED_FIELD_KEYS, ...SYSTEM_FIELDS, 'rid'])];
const TAKEN = new Set(TAKEN_NAMES.map((k) => k.toLowerCase()));

/** Keys are unique at every level; field keys are not reserved; the default locale is listed. */
export function checkKeys(ctx: Ctx): void {
  const s = ctx.spec;
  uniqueKeys(ctx, s.entities, '/entities', 'entity');
  caseClashes(ctx, s.entities, '/entities', 'entity');
  s.entities.forEach((e, i) => {
    uniqueKeys(ctx, e.fields, ptr('/entities', i, 'fields'), 'field');
    caseClashes(ctx, e.fields, ptr('/entities', i, 'fields'), 'field');
    e.fields.forEach((f, j) => {
      if (typeof f.key === 'string' && TAKEN.has(f.key.toLowerCase())) {
        ctx.report(ptr('/entities', i, 'fields', j, 'key'), 'field.reserved', {
          key: f.key,
          reserved: TAKEN_NAMES.join(', '),
        });
      }
      if (f.type === 'select' || f.type === 'multiselect') {
        uniqueKeys(
          ctx,
          f.options,
          ptr('/entities', i, 'fields', j, 'options'),
          'option',
          'value',
          'option.duplicate',
        );
        optionAliases(ctx, f.options, ptr('/entities', i, 'fields', j, 'options'));
      }
    });
  });
  uniqueKeys(ctx, s.forms, '/forms', 'form');
  uniqueKeys(ctx, s.pipelines, '/pipelines', 'pipeline');
  (s.pipelines ?? []).forEach((p, i) =>
    uniqueKeys(ctx, p.stages, ptr('/pipelines', i, 'stages'), 'stage'),
  );
  uniqueKeys(ctx, s.automations, '/automations', 'automation');
  uniqueKeys(ctx, s.roles, '/roles', 'role');
  uniqueKeys(ctx, s.teams, '/teams', 'team');
  uniqueKeys(ctx, s.views, '/views', 'view');
  uniqueKeys(ctx, s.dashboards, '/dashboards', 'dashboard');
  (s.dashboards ?? []).forEach((d, i) =>
    uniqueKeys(ctx, d.widgets, ptr('/dashboards', i, 'widgets'), 'widget'),
  );
  uniqueKeys(ctx, s.activityTypes, '/activityTypes', 'activity type');
  uniqueKeys(ctx, s.quickReplies, '/quickReplies', 'quick reply');
  uniqueKeys(ctx, s.webhookSources, '/webhookSources', 'webhook source');
  if (!s.locales.includes(s.defaultLocale))
    ctx.report('/defaultLocale', 'locale.defaultNotListed', { locale: s.defaultLocale });
  else checkLocaleMaps(ctx, s, '');
}

// Subtrees holding record values or expressions, not display texts.
const NOT_TEXT = new Set([
  'defaults',
  'values',
  'if',
  'expression',
  'enterIf',
  'requiredIf',
  'visibleIf',
  'readOnlyIf',
  'filter',
  'query',
  'mapping',
  'headers',
]);
const LOCALES: readonly string[] = SUPPORTED_LOCALES;

function isLocaleMap(v: Record<string, unknown>): boolean {
  const ks = Object.keys(v);
  return ks.length > 0 && ks.every((k) => LOCALES.includes(k) && typeof v[k] === 'string');
}

/** Every display text (locale map) has the default locale. */
function checkLocaleMaps(ctx: Ctx, node: unknown, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((v, i) => checkLocaleMaps(ctx, v, ptr(path, i)));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  if (path !== '' && isLocaleMap(obj)) {
    if (typeof obj[ctx.spec.defaultLocale] !== 'string')
      ctx.report(path, 'locale.missing', { locale: ctx.spec.defaultLocale });
    return;
  }
  for (const [k, v] of Object.entries(obj)) {
    if (!NOT_TEXT.has(k) && !(k === 'body' && obj['type'] === 'callWebhook'))
      checkLocaleMaps(ctx, v, ptr(path, k));
  }
}
