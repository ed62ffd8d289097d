import { describe, expect, it } from 'vitest';
import type { EntitySpec } from '@trellis/spec';
import { relationChunks, relationTargets } from './useRelationText';

const enrollment = {
  key: 'enrollment',
  fields: [
    { key: 'orderNo', type: 'text' },
    { key: 'student', type: 'relation', entity: 'student' },
    { key: 'lead', type: 'relation', entity: 'lead' },
  ],
} as unknown as EntitySpec;

describe('the titles a list asks for its relation columns', () => {
  it('are asked only for relation fields among the columns', () => {
    expect([...relationTargets(enrollment, ['orderNo', 'student'])]).toEqual([
      ['student', 'student'],
    ]);
    expect(relationTargets(enrollment, ['orderNo']).size).toBe(0);
  });

  it('ask each id once per target, in chunks that stay the same as more rows load', () => {
    const targets = relationTargets(enrollment, ['student', 'lead']);
    const rows = Array.from({ length: 150 }, (_, i) => ({
      id: `e${i}`,
      // Two enrolments per student: 75 students; every lead its own; one row without a lead.
      student: `s${Math.floor(i / 2)}`,
      lead: i === 3 ? null : `l${i}`,
    })) as never[];
    const first = relationChunks(targets, rows.slice(0, 120));
    expect(first.map((c) => [c.target, c.ids.length])).toEqual([
      ['student', 60],
      ['lead', 100],
      ['lead', 19],
    ]);
    const more = relationChunks(targets, rows);
    expect(more.map((c) => [c.target, c.ids.length])).toEqual([
      ['student', 75],
      ['lead', 100],
      ['lead', 49],
    ]);
    // The first full chunk is the same ids in the same order: its answer is kept, not asked again.
    expect(more[1]!.ids).toEqual(first[1]!.ids);
    expect(new Set(more.flatMap((c) => c.ids)).size).toBe(75 + 149);
  });
});
