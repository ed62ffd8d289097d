/** Locales the store writes messages in. */
export type StoreLocale = 'zh-CN' | 'en';

/** An error as a value: JSON-pointer path, stable code, localized message, parameters. */
export type StoreIssue = {
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
};

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreIssue };

type Params = Record<string, unknown>;
type Template = (p: Params) => string;

const MESSAGES: Record<string, Record<StoreLocale, Template>> = {
  unknown_entity: {
    'zh-CN': (p) => `未知的实体「${p.entity}」`,
    en: (p) => `Unknown entity "${p.entity}"`,
  },
  unknown_field: {
    'zh-CN': (p) => `实体「${p.entity}」没有字段「${p.field}」`,
    en: (p) => `Entity "${p.entity}" has no field "${p.field}"`,
  },
  readonly_field: {
    'zh-CN': (p) => `系统字段「${p.field}」不能直接写入`,
    en: (p) => `System field "${p.field}" cannot be written directly`,
  },
  invalid_value: {
    'zh-CN': (p) => `字段「${p.field}」的值类型不对（应为 ${p.expected}）`,
    en: (p) => `Field "${p.field}" has a value of the wrong type (expected ${p.expected})`,
  },
  not_found: { 'zh-CN': (p) => `记录 ${p.id} 不存在`, en: (p) => `Record ${p.id} does not exist` },
  version_conflict: {
    'zh-CN': (p) =>
      `记录已被他人修改（当前版本 ${p.actual}，你的版本 ${p.expected}），请刷新后重试`,
    en: (p) =>
      `The record was changed by someone else (current version ${p.actual}, yours ${p.expected}); reload and try again`,
  },
  not_deleted: {
    'zh-CN': (p) => `记录 ${p.id} 不在回收站中`,
    en: (p) => `Record ${p.id} is not in the recycle bin`,
  },
  duplicate_id: {
    'zh-CN': (p) => `记录 ID ${p.id} 已存在`,
    en: (p) => `Record id ${p.id} already exists`,
  },
  invalid_cursor: {
    'zh-CN': () => '分页游标无效或与排序不一致',
    en: () => 'The page cursor is invalid or does not match the sort',
  },
  unknown_sort_field: {
    'zh-CN': (p) => `不能按「${p.field}」排序：没有这个字段`,
    en: (p) => `Cannot sort by "${p.field}": no such field`,
  },
  migration_blocked: {
    'zh-CN': (p) => `发布被拒绝：${p.warning} —— 请选择处理方式（${p.options}）`,
    en: (p) => `Publishing refused: ${p.warning} — choose a resolution (${p.options})`,
  },
  invalid_resolution: {
    'zh-CN': (p) => `处理方式无效：${p.reason}`,
    en: (p) => `Invalid resolution: ${p.reason}`,
  },
  unknown_resolution: {
    'zh-CN': (p) => `迁移计划中没有警告「${p.id}」`,
    en: (p) => `The migration plan has no warning "${p.id}"`,
  },
  migration_failed: {
    'zh-CN': (p) => `迁移失败，已全部回滚：${p.reason}`,
    en: (p) => `Migration failed and was rolled back: ${p.reason}`,
  },
  no_draft: { 'zh-CN': () => '没有可发布的草稿', en: () => 'There is no draft to publish' },
  draft_changed: {
    'zh-CN': () => '草稿已被他人修改，请先查看最新草稿再发布',
    en: () => 'Someone else changed the draft; look at the latest draft before publishing',
  },
  unknown_version: {
    'zh-CN': (p) => `没有版本 ${p.version}`,
    en: (p) => `There is no version ${p.version}`,
  },
  invalid_filter: {
    'zh-CN': (p) => `筛选条件无效：${p.reason}`,
    en: (p) => `Invalid filter: ${p.reason}`,
  },
  read_only: {
    'zh-CN': () => '这个连接只能读取：写入由写入线程完成',
    en: () => 'This store is read-only: writes go through the writer',
  },
  target_not_empty: {
    'zh-CN': (p) =>
      `目标数据库不是空的（有数据的表：${p.tables}），未复制任何内容；确认要覆盖请加 --replace`,
    en: (p) =>
      `The target database is not empty (tables with rows: ${p.tables}); nothing was copied. Pass --replace to overwrite it`,
  },
  copy_mismatch: {
    'zh-CN': (p) =>
      `校验失败：表 ${p.table} 复制后与源不一致（源 ${p.rows} 行，目标 ${p.copied} 行或校验和不同），已全部回滚`,
    en: (p) =>
      `Verification failed: table ${p.table} differs from the source after the copy (${p.rows} rows in the source, ${p.copied} in the target, or different checksums); everything was rolled back`,
  },
  invalid_where: {
    'zh-CN': (p) => `筛选条件无效：${p.reason}`,
    en: (p) => `Invalid filter: ${p.reason}`,
  },
};

/** Builds a localized issue; unknown codes fall back to the code itself so nothing is swallowed. */
export function issue(code: string, path: string, params: Params, locale: StoreLocale): StoreIssue {
  const t = MESSAGES[code]?.[locale];
  return { path, code, message: t ? t(params) : code, params };
}

export function fail<T>(
  code: string,
  path: string,
  params: Params,
  locale: StoreLocale,
): StoreResult<T> {
  return { ok: false, error: issue(code, path, params, locale) };
}
