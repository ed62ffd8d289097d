import type { EntitySpec, FieldSpec } from '@trellis/spec';
import type { Column } from './header';

/** Column index -> field key. Columns left out are not imported. */
export type ColumnMapping = Record<number, string>;

// Words people put in headers for common kinds of fields (Excel sheets from the seed articles).
const TYPE_WORDS: Partial<Record<FieldSpec['type'], string[]>> = {
  phone: [
    '手机',
    '手机号',
    '手机号码',
    '电话',
    '联系电话',
    '电话号码',
    'mobile',
    'phone',
    'tel',
    'telephone',
    'cell',
  ],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'e-mail', 'mail'],
};
const TITLE_WORDS = ['姓名', '名字', '名称', '客户', '客户名称', 'name', 'full name'];

/**
 * Header text reduced for matching: full-width to half-width (NFKC), lower case, no spaces,
 * no required-markers (`*`, `（必填）`, `(required)`).
 */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\((必填|选填|required|optional)\)/g, '')
    .replace(/[\s*:：_-]/g, '');
}

function namesOf(entity: EntitySpec, field: FieldSpec): string[] {
  const names = [
    field.key,
    ...Object.values(field.label ?? {}).filter((l): l is string => typeof l === 'string'),
  ];
  const sameType = entity.fields.filter((f) => f.type === field.type);
  if (sameType.length === 1) names.push(...(TYPE_WORDS[field.type] ?? []));
  if (entity.titleField === field.key) names.push(...TITLE_WORDS);
  return names.map(headerKey);
}

// Formula fields are computed; files cannot come from a sheet.
const NOT_IMPORTED = new Set<FieldSpec['type']>(['formula', 'file']);

/** The fields a column may be mapped to. */
export function importableFields(entity: EntitySpec): FieldSpec[] {
  return entity.fields.filter((f) => !NOT_IMPORTED.has(f.type));
}

/**
 * Suggests a field for each column: by field key or label in any locale (the whole header, then
 * its last part under a merged cell, then its first part), then by common header words for the
 * entity's only phone/email field and its title field. Each field is used at most once; the
 * first column wins.
 */
export function suggestMapping(columns: Column[], entity: EntitySpec): ColumnMapping {
  const fields = importableFields(entity).map((f) => ({ key: f.key, names: namesOf(entity, f) }));
  const taken = new Set<string>();
  const out: ColumnMapping = {};
  // Exact names first (pass 0), then common words (pass 1), so a "电话" column does not take the
  // phone field from a column literally named after its label.
  for (const pass of [0, 1] as const) {
    for (const column of columns) {
      if (out[column.index] !== undefined) continue;
      const candidates = [column.name, column.parts.at(-1) ?? '', column.parts[0] ?? ''].map(
        headerKey,
      );
      for (const text of candidates) {
        if (text === '') continue;
        const field = fields.find(
          (f) =>
            !taken.has(f.key) &&
            (pass === 0 ? f.names.slice(0, 1 + labelCount(entity, f.key)) : f.names).includes(text),
        );
        if (field) {
          out[column.index] = field.key;
          taken.add(field.key);
          break;
        }
      }
    }
  }
  return out;
}

function labelCount(entity: EntitySpec, key: string): number {
  const field = entity.fields.find((f) => f.key === key);
  return field ? Object.values(field.label ?? {}).filter((l) => typeof l === 'string').length : 0;
}
