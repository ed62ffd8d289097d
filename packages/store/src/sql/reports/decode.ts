import type { ColumnInfo } from '../../entity/entity-table';
import { fromBool, fromJson, fromNum } from '../exec';

/** A group key as read from either dialect, in engine form (JSON parsed, booleans, numbers). */
export function decodeKey(col: ColumnInfo | null, v: unknown): unknown {
  if (v === null || v === undefined || !col) return v ?? null;
  if (col.codec === 'json') return fromJson(v, null);
  if (col.codec === 'boolean') return fromBool(v);
  if (col.logicType === 'integer' || col.logicType === 'number' || col.logicType === 'datetime')
    return fromNum(v);
  return v;
}
