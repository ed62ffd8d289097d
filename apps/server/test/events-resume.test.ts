import { describe, expect, it } from 'vitest';
import { fullStack } from './stack';

type Stream = { text: string; next(): Promise<void>; close(): Promise<void> };

/** Reads a stream's text as it comes; `until` reads until the text matches. */
async function open(res: Response): Promise<Stream & { until(re: RegExp): Promise<string> }> {
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const s = {
    text: '',
    async next() {
      s.text += decoder.decode((await reader.read()).value);
    },
    async until(re: RegExp) {
      while (!re.test(s.text)) await s.next();
      return s.text;
    },
    close: () => reader.cancel(),
  };
  return s;
}

/** The names of the leads a stream's record events carried, in order. */
const names = (text: string) =>
  [...text.matchAll(/event: record\ndata: (.*)\n/g)].map(
    (m) => (JSON.parse(m[1]!) as { record: { name: string } }).record.name,
  );

describe('the event stream resumes where a client left it (?after=)', () => {
  it('replays the record changes made between closing a stream and opening the next with ?after=, and starts at the present without it', async () => {
    const s = await fullStack({ ssePollMs: 50 });
    const rep = await s.signIn('rep', 'sales', ['tech']);
    let n = 0;
    const create = async (name: string) => {
      n += 1;
      const res = await s.request('/api/v1/records/lead', {
        method: 'POST',
        cookie: rep.cookie,
        json: { name, phone: `1380013800${n}`, course: 'python' },
      });
      expect(res.status, await res.clone().text()).toBe(201);
    };
    // The first stream sees the first lead, then closes (the app switches its language).
    const first = await open(await s.request('/api/v1/events?lang=en', { cookie: rep.cookie }));
    await first.until(/event: ready/);
    await create('切换前');
    const seen = await first.until(/event: record\ndata: .*\nid: (\S+)\n/);
    const lastId = /event: record\ndata: .*\nid: (\S+)\n/.exec(seen)![1]!;
    await first.close();
    // Written while no stream is open.
    await create('切换之间');
    // Reopened after the last id seen: the lead written meanwhile comes, in the new language.
    const resumed = await open(
      await s.request(`/api/v1/events?lang=zh-CN&after=${encodeURIComponent(lastId)}`, {
        cookie: rep.cookie,
      }),
    );
    expect(names(await resumed.until(/event: record/))).toEqual(['切换之间']);
    // Opened without it: the present; only what is written after it comes.
    const fresh = await open(await s.request('/api/v1/events?lang=zh-CN', { cookie: rep.cookie }));
    await fresh.until(/event: ready/);
    await create('之后');
    expect(names(await fresh.until(/event: record/))).toEqual(['之后']);
    expect(names(await resumed.until(/之后/))).toEqual(['切换之间', '之后']);
    await resumed.close();
    await fresh.close();
  });

  it('refuses an id the store could never have made with a 400 naming after, in the request language', async () => {
    const s = await fullStack();
    const rep = await s.signIn('rep', 'sales', ['tech']);
    for (const [language, detail] of [
      ['en', 'Invalid value: after'],
      ['zh-CN', '取值无效：after'],
    ] as const) {
      const res = await s.request('/api/v1/events?after=not-an-id', {
        cookie: rep.cookie,
        headers: { 'accept-language': language },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { detail: string; errors: { path: string }[] };
      expect(body.detail).toBe(detail);
      expect(body.errors).toMatchObject([{ path: '/after', code: 'invalid_value' }]);
    }
  });
});
