import { describe, expect, it } from 'vitest';
import { TEXTS_KEY } from '@trellis/engine';
import { fullStack } from './stack';

/** The notification titles a stream delivers until `count` have come (the stream then closed). */
async function streamedTitles(res: Response, count: number, send: () => Promise<void>) {
  expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  expect(text).toContain('event: ready');
  await send();
  const titles = () =>
    [...text.matchAll(/event: notification\ndata: (.*)\n/g)].map(
      (m) => (JSON.parse(m[1]!) as { title: string }).title,
    );
  while (titles().length < count) text += decoder.decode((await reader.read()).value);
  await reader.cancel();
  return titles();
}

describe('the event stream reads in the language the app shows (?lang=)', () => {
  it('renders notifications in ?lang= over the browser Accept-Language, and in Accept-Language without it', async () => {
    // A short poll: the notification is written straight to the store, no commit wakes the stream.
    const s = await fullStack({ ssePollMs: 50 });
    const rep = await s.signIn('rep', 'sales', ['tech']);
    let n = 0;
    const notify = async () => {
      n += 1;
      await s.store.notifications.insert({
        id: `live-${n}`,
        userId: rep.id,
        kind: 'automation',
        title: '中文提醒',
        body: null,
        entity: null,
        recordId: null,
        payload: {
          [TEXTS_KEY]: { 'zh-CN': { title: '中文提醒' }, en: { title: 'English reminder' } },
        },
        createdAt: Date.now(),
      });
    };
    // A Chinese browser (its EventSource sends the browser's languages) in the English UI.
    const zhBrowser = { 'accept-language': 'zh-CN,zh;q=0.9' };
    const english = await s.request('/api/v1/events?lang=en', {
      cookie: rep.cookie,
      headers: zhBrowser,
    });
    expect(await streamedTitles(english, 1, notify)).toEqual(['English reminder']);
    const chinese = await s.request('/api/v1/events?lang=zh-CN', {
      cookie: rep.cookie,
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(await streamedTitles(chinese, 1, notify)).toEqual(['中文提醒']);
    // Without ?lang= the header decides, as for every other request.
    const plain = await s.request('/api/v1/events', { cookie: rep.cookie, headers: zhBrowser });
    expect(await streamedTitles(plain, 1, notify)).toEqual(['中文提醒']);
  });

  it('refuses a language it does not speak with a 400 naming lang, in the request language', async () => {
    const s = await fullStack();
    const rep = await s.signIn('rep', 'sales', ['tech']);
    for (const [language, detail] of [
      ['en', 'Invalid value: lang: zh-CN | en'],
      ['zh-CN', '取值无效：lang: zh-CN | en'],
    ] as const) {
      const res = await s.request('/api/v1/events?lang=fr', {
        cookie: rep.cookie,
        headers: { 'accept-language': language },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { detail: string; errors: { path: string }[] };
      expect(body.detail).toBe(detail);
      expect(body.errors).toMatchObject([{ path: '/lang', code: 'invalid_value' }]);
    }
  });
});
