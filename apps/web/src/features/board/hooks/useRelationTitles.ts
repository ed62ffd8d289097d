import type { EntitySpec } from '@trellis/spec';
import { useRecordTitles, type RecordRef } from '../../../lib/records/useRecordTitles';
import { relationTargets } from '../../../lib/records/useRelationText';
import type { RecordData } from '../../../lib/records/types';

/**
 * The titles of the records that relation fields of `rows` point to (a deal's customer reads
 * as the company, not its id), under the reader's permissions, so a record they may not read
 * keeps its id. Returns a lookup by field and id.
 */
export function useRelationTitles(
  entity: EntitySpec,
  fields: readonly string[],
  rows: readonly RecordData[],
): (field: string, id: unknown) => string | undefined {
  const targets = relationTargets(entity, fields);
  const refs: RecordRef[] = [];
  for (const [field, target] of targets)
    for (const r of rows) if (typeof r[field] === 'string') refs.push([target, r[field]]);
  const titles = useRecordTitles(refs);
  return (field, id) => {
    const target = targets.get(field);
    if (!target || typeof id !== 'string') return undefined;
    return titles(target, id);
  };
}
