import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  dingtalkPayload,
  dingtalkSignedUrl,
  wecomPayload,
  robotPayload,
} from '../../src/notify/robot-payloads';
import { signWebhook, verifyWebhook } from '../../src/notify/signing';
import { backoffDelay } from '../../src/notify/backoff';

describe('robot payloads', () => {
  const msg = { title: '线索超时', text: '张三 48 小时未跟进', mobiles: ['13800138000'] };
  it('builds a WeCom group robot text message with mentions', () => {
    expect(wecomPayload(msg)).toEqual({
      msgtype: 'text',
      text: { content: '线索超时\n张三 48 小时未跟进', mentioned_mobile_list: ['13800138000'] },
    });
    expect(wecomPayload({ ...msg, markdown: true })).toEqual({
      msgtype: 'markdown',
      markdown: { content: '**线索超时**\n张三 48 小时未跟进' },
    });
  });
  it('builds a DingTalk robot message that @-mentions inside the content', () => {
    expect(dingtalkPayload(msg)).toEqual({
      msgtype: 'text',
      text: { content: '线索超时\n张三 48 小时未跟进\n@13800138000' },
      at: { atMobiles: ['13800138000'], isAtAll: false },
    });
    expect(robotPayload('dingtalk', { ...msg, markdown: true, mobiles: [] })).toEqual({
      msgtype: 'markdown',
      markdown: { title: '线索超时', text: '### 线索超时\n张三 48 小时未跟进' },
      at: { atMobiles: [], isAtAll: false },
    });
  });
  it('signs a DingTalk robot URL as DingTalk documents', () => {
    const url = dingtalkSignedUrl(
      'https://oapi.dingtalk.com/robot/send?access_token=abc',
      'SEC123',
      1700000000000,
    );
    const sign = createHmac('sha256', 'SEC123').update('1700000000000\nSEC123').digest('base64');
    expect(url).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=${encodeURIComponent(sign)}`,
    );
  });
});

describe('webhook signing and backoff', () => {
  it('signs timestamp and body with HMAC-SHA256 and verifies it', () => {
    const sig = signWebhook('s3cret', 1000, '{"a":1}');
    expect(sig).toBe(
      'sha256=' + createHmac('sha256', 's3cret').update('1000.{"a":1}').digest('hex'),
    );
    expect(verifyWebhook('s3cret', 1000, '{"a":1}', sig)).toBe(true);
    expect(verifyWebhook('s3cret', 1000, '{"a":2}', sig)).toBe(false);
    expect(verifyWebhook('other', 1000, '{"a":1}', sig)).toBe(false);
  });
  it('backs off exponentially up to a cap', () => {
    const p = { baseMs: 1000, factor: 2, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, p))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });
});
