import type { AppSpec, EntitySpec, FieldSpec, FieldType } from '@trellis/spec';

type Label = Partial<Record<'zh-CN' | 'en', string>>;

/** The settings a new field of a type starts with, so it is valid at once. */
function starter(type: FieldType, spec: AppSpec, entity: EntitySpec): Record<string, unknown> {
  switch (type) {
    case 'select':
    case 'multiselect':
      return {
        options: [
          { value: 'option1', label: { 'zh-CN': '选项 1', en: 'Option 1' } },
          { value: 'option2', label: { 'zh-CN': '选项 2', en: 'Option 2' } },
        ],
      };
    case 'phone':
      return { normalize: 'e164', defaultRegion: 'CN' };
    case 'money':
      return { currency: 'CNY' };
    case 'relation':
      return { entity: spec.entities.find((e) => e.key !== entity.key)?.key ?? entity.key };
    case 'region':
      return { level: 'district' };
    case 'formula':
      return { expression: { cat: [''] }, resultType: 'text' };
    default:
      return {};
  }
}

/** A new field of `type` with this key and label. */
export function newField(
  type: FieldType,
  key: string,
  label: Label,
  spec: AppSpec,
  entity: EntitySpec,
): FieldSpec {
  return { key, type, label, ...starter(type, spec, entity) } as FieldSpec;
}

const BASE = new Set([
  'key',
  'label',
  'description',
  'help',
  'placeholder',
  'required',
  'requiredIf',
  'readOnly',
  'indexed',
]);

/**
 * The field with another type: what every field has is kept (label, help, required...), the old
 * type's settings are dropped and the new type's starting settings added.
 */
export function retyped(
  field: FieldSpec,
  type: FieldType,
  spec: AppSpec,
  entity: EntitySpec,
): FieldSpec {
  const kept = Object.fromEntries(Object.entries(field).filter(([k]) => BASE.has(k)));
  const keepOptions = 'options' in field && (type === 'select' || type === 'multiselect');
  return {
    ...kept,
    type,
    ...starter(type, spec, entity),
    ...(keepOptions ? { options: field.options } : {}),
  } as FieldSpec;
}
