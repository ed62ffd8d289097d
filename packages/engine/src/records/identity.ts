import type { RecordData } from '../ports';
import { isEmptyValue } from '@trellis/rules';
import type { EntityModel } from '@trellis/rules';

/** One identity key of a record: the fields and their (normalized) values. */
export type IdentityKey = { fields: readonly string[]; values: unknown[] };

/**
 * The identity keys a record can be matched on: each of the entity's identity keys whose fields
 * all have values (a lead without an email cannot match on email). Values are already
 * normalized, so "+86 138-0013-8000" and "138 0013 8000" give the same key.
 */
export function identityKeys(model: EntityModel, record: RecordData): IdentityKey[] {
  const keys: IdentityKey[] = [];
  for (const fields of model.identity) {
    const values = fields.map((f) => record[f]);
    if (values.some(isEmptyValue)) continue;
    keys.push({ fields, values });
  }
  return keys;
}

/** Did an update change any field that is part of an identity key? */
export function touchesIdentity(model: EntityModel, changed: readonly string[]): boolean {
  return model.identity.some((fields) => fields.some((f) => changed.includes(f)));
}

/**
 * Fields an intake merge fills on the existing record: only those the existing record lacks, so
 * a later form submission never overwrites what a sales rep already recorded.
 */
export function mergeFill(
  existing: RecordData,
  incoming: RecordData,
  fields: Iterable<string>,
): RecordData {
  const fill: RecordData = {};
  for (const key of fields) {
    if (isEmptyValue(incoming[key])) continue;
    if (isEmptyValue(existing[key])) fill[key] = incoming[key];
  }
  return fill;
}
