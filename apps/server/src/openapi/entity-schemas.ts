import type { AppSpec, EntitySpec } from '@trellis/spec';
import { fieldTypeOf, localize } from '@trellis/spec';
import { serverFieldType } from '../field-types';

type Schema = Record<string, unknown>;

const SYSTEM_PROPS: Record<string, Schema> = {
  id: { type: 'string', description: 'Record id (UUIDv7).' },
  stage: { type: ['string', 'null'], description: 'Pipeline stage key.' },
  ownerId: { type: ['string', 'null'], description: 'Owner user id; null = in the public pool.' },
  teamId: { type: ['string', 'null'], description: 'Team key.' },
  createdAt: { type: 'integer', description: 'Epoch ms.' },
  updatedAt: { type: 'integer', description: 'Epoch ms.' },
  createdBy: { type: ['string', 'null'] },
  stageEnteredAt: { type: ['integer', 'null'] },
  lastActivityAt: { type: ['integer', 'null'] },
  slaDueAt: { type: ['integer', 'null'] },
  version: { type: 'integer', description: 'Optimistic lock: send it back with PATCH.' },
  deletedAt: { type: ['integer', 'null'] },
};

/** Schema name of an entity in components (`lead` -> `Lead`). */
export const schemaName = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

/** The JSON Schema of one field's value, titled with its label in `locale`. */
export function fieldSchema(entity: EntitySpec, key: string, locale: 'zh-CN' | 'en'): Schema {
  const field = entity.fields.find((f) => f.key === key)!;
  let value: Schema;
  try {
    value = fieldTypeOf(field).valueSchema(field as never) as Schema;
  } catch {
    value = {};
  }
  return {
    ...value,
    title: localize(field.label, locale),
    ...(field.type === 'money' ? { description: 'Integer minor units (fen).' } : {}),
  };
}

/**
 * Component schemas of the live entities: `<Entity>` (what reads return) and `<Entity>Input`
 * (what writes accept). Fields hidden from the reader are left out entirely.
 */
export function entitySchemas(
  spec: AppSpec,
  hidden: (entity: string) => Set<string>,
  locale: 'zh-CN' | 'en',
): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const entity of spec.entities) {
    const hide = hidden(entity.key);
    const fields = entity.fields.filter((f) => !hide.has(f.key));
    const props = Object.fromEntries(
      fields.map((f) => [f.key, fieldSchema(entity, f.key, locale)]),
    );
    out[schemaName(entity.key)] = {
      type: 'object',
      title: localize(entity.label, locale),
      properties: { ...SYSTEM_PROPS, ...props },
      required: ['id', 'version', 'createdAt', 'updatedAt'],
    };
    const writable = fields.filter((f) => f.type !== 'formula' && !f.readOnly);
    const example = Object.fromEntries(
      writable.filter((f) => f.required).map((f) => [f.key, serverFieldType(f).example(f, locale)]),
    );
    out[`${schemaName(entity.key)}Input`] = {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        writable.map((f) => [f.key, fieldSchema(entity, f.key, locale)]),
      ),
      required: writable.filter((f) => f.required === true).map((f) => f.key),
      // Built from the reader's visible fields only, so a hidden field never shows up here either.
      examples: [example],
    };
    out[`${schemaName(entity.key)}List`] = {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: `#/components/schemas/${schemaName(entity.key)}` } },
        nextCursor: { type: ['string', 'null'] },
      },
      required: ['items', 'nextCursor'],
    };
  }
  return out;
}
