import { describe, expect, it } from 'vitest';
import { replyBatcher } from '../src/writer/reply-batch';

describe("the writer's answers", () => {
  it("leave in one message after the group's continuations and before the next group runs", async () => {
    const events: string[] = [];
    const { reply } = replyBatcher<number>((replies) => events.push(`sent ${replies.join(',')}`));
    // As tx-queue ends a group: the next group is scheduled first, then the units' promises
    // resolve and their continuations (the writer's .then) answer, some a few promise jobs later.
    const group = [1, 2, 3].map((id) => Promise.resolve(id));
    setImmediate(() => events.push('next group'));
    await Promise.all(
      group.map(async (p, i) => {
        let id = await p;
        for (let hop = 0; hop < i * 3; hop++) id = await Promise.resolve(id);
        reply(id);
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(['sent 1,2,3', 'next group']);
  });

  it('sends nothing when nothing waits, and what waits on flush at once', () => {
    const sent: number[][] = [];
    const { reply, flush } = replyBatcher<number>((replies) => sent.push(replies));
    flush();
    reply(7);
    flush();
    expect(sent).toEqual([[7]]);
  });
});
