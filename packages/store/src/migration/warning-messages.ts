import type { WarningCode } from './types';

type P = {
  entity: string;
  field?: string;
  option?: string;
  stage?: string;
  affected: number;
  total: number;
  from?: string;
  to?: string;
};

const n = (x: number): string => x.toLocaleString('en-US');

const TEXT: Record<WarningCode, { 'zh-CN': (p: P) => string; en: (p: P) => string }> = {
  required_missing: {
    'zh-CN': (p) => `「${p.field}」改为必填：${n(p.affected)} 条记录没有值`,
    en: (p) => `\`${p.field}\` becomes required: ${n(p.affected)} records have no value`,
  },
  option_removed: {
    'zh-CN': (p) => `「${p.field}」的选项「${p.option}」被删除：${n(p.affected)} 条记录在使用`,
    en: (p) => `option \`${p.option}\` of \`${p.field}\` removed: ${n(p.affected)} records use it`,
  },
  type_unconvertible: {
    'zh-CN': (p) => `「${p.field}」的类型 ${p.from} -> ${p.to}：${n(p.affected)} 个值无法转换`,
    en: (p) => `field type ${p.from} -> ${p.to}: ${n(p.affected)} values do not convert`,
  },
  field_removed: {
    'zh-CN': (p) => `字段「${p.field}」被删除：${n(p.affected)} 个值将归档，恢复该字段时可找回`,
    en: (p) =>
      `field \`${p.field}\` removed: ${n(p.affected)} values will be archived and come back if the field is restored`,
  },
  entity_removed: {
    'zh-CN': (p) => `实体「${p.entity}」被删除：${n(p.affected)} 条记录将归档，恢复该实体时可找回`,
    en: (p) =>
      `entity \`${p.entity}\` removed: ${n(p.affected)} records will be archived and come back if the entity is restored`,
  },
  unique_duplicates: {
    'zh-CN': (p) => `「${p.field}」改为唯一：${n(p.affected)} 条记录的值与其他记录重复`,
    en: (p) =>
      `\`${p.field}\` becomes unique: ${n(p.affected)} records share a value with another record`,
  },
  identity_duplicates: {
    'zh-CN': (p) => `新的查重键（${p.field}）：${n(p.affected)} 条记录彼此重复，可在查重中合并`,
    en: (p) =>
      `new identity key (${p.field}): ${n(p.affected)} records duplicate each other and can be merged`,
  },
  stage_requires_missing: {
    'zh-CN': (p) =>
      `阶段「${p.stage}」新增必填「${p.field}」：之前阶段中有 ${n(p.affected)} 条记录没有值，进入该阶段时需要补填`,
    en: (p) =>
      `stage \`${p.stage}\` now needs \`${p.field}\`: ${n(p.affected)} records in earlier stages have no value and will be asked for it when they move in`,
  },
  archive_not_restored: {
    'zh-CN': (p) =>
      `字段「${p.field}」的 ${n(p.affected)} 个归档值类型不同（${p.from}），保留在归档中，不会恢复`,
    en: (p) =>
      `${n(p.affected)} archived values of \`${p.field}\` have another type (${p.from}); they stay in the archive`,
  },
};

export function warningMessage(code: WarningCode, p: P): { 'zh-CN': string; en: string } {
  return { 'zh-CN': TEXT[code]['zh-CN'](p), en: TEXT[code].en(p) };
}
