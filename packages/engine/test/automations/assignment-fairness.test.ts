import { afterEach, describe, expect, it } from 'vitest';
import { intake, setupAutomations, specWith, type Harness } from './support/harness';
import { countBy, pick } from '../fixtures/rows';

let h: Harness;
afterEach(() => h?.store.close());
const label = { 'zh-CN': '分配', en: 'Assign' };

describe('assignment through the engine', () => {
  it('round robin over 1,000 leads is fair, persists its cursor and never picks the away member', async () => {
    h = await setupAutomations({
      spec: specWith([
        {
          key: 'rr',
          label,
          on: { type: 'record.created', entity: 'lead' },
          do: [{ type: 'assign', strategy: 'roundRobin', team: 'tech' }],
        },
      ]),
    });
    for (let i = 0; i < 1000; i++) {
      const r = await h.engine.records.create(
        'lead',
        { name: `F${i}`, phone: `+86139${String(i).padStart(8, '0')}`, source: 'website' },
        intake,
      );
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      // Drain in small steps, as a live worker would: the cursor is read back from assignment_state each time.
      if (i % 7 === 0) await h.automations.drain();
    }
    await h.automations.drain();
    const counts = countBy(await h.rows('e_lead'), 'owner_id');
    expect(counts).toEqual({ 'u-li.na': 334, 'u-wang.lei': 333, 'u-zhang.wei': 333 });
    expect(pick(await h.rows('assignment_state', { key: 'roundRobin:tech' }), ['cursor'])).toEqual([
      { cursor: 1000 },
    ]);
  });

  it('weights and caps per member shape the split', async () => {
    h = await setupAutomations({
      spec: specWith([
        {
          key: 'w',
          label,
          on: { type: 'record.created', entity: 'lead' },
          do: [
            {
              type: 'assign',
              strategy: 'roundRobin',
              team: 'tech',
              weights: { 'li.na': 2 },
              caps: { 'wang.lei': 10 },
            },
          ],
        },
      ]),
    });
    for (let i = 0; i < 90; i++)
      await h.engine.records.create(
        'lead',
        { name: `W${i}`, phone: `+86137${String(i).padStart(8, '0')}`, source: 'website' },
        intake,
      );
    await h.automations.drain();
    const counts = countBy(await h.rows('e_lead'), 'owner_id');
    // wang.lei stops at his cap of 10 open leads; the rest splits 2:1 between li.na and zhang.wei.
    expect(counts).toEqual({ 'u-li.na': 53, 'u-wang.lei': 10, 'u-zhang.wei': 27 });
  });
});
