import { describe, expect, it } from 'vitest';
import type { AutomationSpec } from '@trellis/spec';
import type { RunLog } from './types';
import { automationForWatcher, runForWatcher } from './watcher-view';

const FEISHU = 'https://open.feishu.cn/open-apis/bot/v2/hook/feishu-token-1';
const DING = 'https://oapi.dingtalk.com/robot/send?access_token=ding-token-2';

describe('what a watcher sees of automations and runs', () => {
  it('shows each URL of an automation as its origin and drops request headers, at any depth', () => {
    const automation = {
      key: 'a',
      on: { type: 'record.created', entity: 'lead' },
      do: [
        { type: 'notify', channel: 'webhook', url: FEISHU, message: { en: 'x' } },
        { type: 'callWebhook', url: DING, headers: { 'X-Token': 'header-token-3' } },
        { type: 'digest', channel: 'webhook', url: 'not a url', to: ['owner'] },
      ],
    } as unknown as AutomationSpec;
    const seen = automationForWatcher(automation);
    expect(JSON.stringify(seen)).not.toMatch(/token-[123]/);
    expect((seen.do as { url: string }[]).map((d) => d.url)).toEqual([
      'https://open.feishu.cn/…',
      'https://oapi.dingtalk.com/…',
      '…',
    ]);
    expect(seen.do[1]).not.toHaveProperty('headers');
    expect(automation.do[1]).toHaveProperty('headers'); // the live spec is not changed
  });

  it('shows URLs in summaries, failure messages, delivery errors and the run error as their origin; the record values of the trace stay', () => {
    const run = {
      id: 'r',
      automationKey: 'a',
      conditionTrace: { ok: true, value: `see ${FEISHU}` },
      error: `delivery to ${DING} failed`,
      actions: [
        {
          index: 0,
          type: 'notify',
          status: 'succeeded',
          durationMs: 1,
          result: { ok: true, summary: `wecom → ${FEISHU}` },
          delivery: {
            id: 'd',
            status: 'dead',
            attempts: 3,
            lastError: `503 from ${DING}`,
            deliveredAt: null,
          },
        },
        {
          index: 1,
          type: 'callWebhook',
          status: 'failed',
          durationMs: 1,
          result: { ok: false, code: 'x', message: `POST ${DING}: refused` },
        },
        { index: 2, type: 'moveStage', status: 'succeeded', durationMs: 1 },
      ],
    } as unknown as RunLog;
    const seen = runForWatcher(run);
    expect(seen.error).toBe('delivery to https://oapi.dingtalk.com/… failed');
    expect(seen.actions[0]!.result).toEqual({
      ok: true,
      summary: 'wecom → https://open.feishu.cn/…',
    });
    expect(seen.actions[0]!.delivery!.lastError).toBe('503 from https://oapi.dingtalk.com/…');
    expect(seen.actions[1]!.result).toMatchObject({
      message: 'POST https://oapi.dingtalk.com/…: refused',
    });
    expect(seen.actions[2]).toEqual(run.actions[2]);
    expect(seen.conditionTrace).toBe(run.conditionTrace);
  });
});
