import { Type } from '@sinclair/typebox';
import type { TProperties } from '@sinclair/typebox';
import { camelKey, closed, label, Logic, optLabel } from '../common';

/** Properties every field has, whatever its type. */
const baseFieldProperties = {
  key: camelKey(
    'Field key, camelCase, unique in the entity. Becomes the column name; never rename a published field.',
  ),
  label: label('Field name shown in forms, lists and errors.'),
  description: optLabel('Longer explanation for builders.'),
  help: optLabel('Help text shown under the input.'),
  placeholder: optLabel('Placeholder shown in empty inputs.'),
  required: Type.Optional(
    Type.Boolean({ description: 'Every record must have a value. Default false.' }),
  ),
  requiredIf: Type.Optional(Logic('Required only when this condition holds for the record.')),
  readOnly: Type.Optional(
    Type.Boolean({
      description: 'People cannot edit it (automations and imports still can). Default false.',
    }),
  ),
  indexed: Type.Optional(
    Type.Boolean({
      description: 'Create a database index for fast filters and sorts. Default false.',
    }),
  ),
};

/** Adds `unique` to field types that can enforce it. */
export const uniqueProperty = {
  unique: Type.Optional(
    Type.Boolean({ description: 'No two records may share a value. Default false.' }),
  ),
};

/** Builds the closed schema of one field type: the base properties, `type` and the type's settings. */
export function fieldSchema<K extends string, P extends TProperties>(
  type: K,
  settings: P,
  description: string,
) {
  return closed(
    {
      ...baseFieldProperties,
      type: Type.Literal(type, { description: `Field type "${type}": ${description}` }),
      ...settings,
    },
    { description, title: `${type} field` },
  );
}
