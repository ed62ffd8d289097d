import { describe, expect, it } from 'vitest';
import { addressRange, internalUrlTarget, parseOutboundAllow, refusedAddress } from './outbound';
import { validateSpec } from './index';
import type { AppSpec } from './index';

describe('outbound targets', () => {
  it.each([
    ['http://127.0.0.1/hook', 'loopback'],
    ['http://localhost:8080/x', 'loopback'],
    ['http://api.localhost/x', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://[::1]/', 'loopback'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://[::ffff:10.0.0.1]/', 'private'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://10.1.2.3/', 'private'],
    ['http://172.16.0.1/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://100.64.0.1/', 'carrierGradeNat'],
    ['http://[fd00::1]/', 'uniqueLocal'],
    ['http://[fe80::1]/', 'linkLocal'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::]/', 'unspecified'],
  ])('refuses %s (%s)', (url, range) => {
    expect(internalUrlTarget(url)).toMatchObject({ range });
  });

  it('lets public addresses and names through (names are checked again when sending)', () => {
    expect(internalUrlTarget('https://oapi.dingtalk.com/robot/send')).toBeNull();
    expect(internalUrlTarget('http://93.184.216.34/')).toBeNull();
    expect(internalUrlTarget('http://[2606:4700::1111]/')).toBeNull();
    expect(addressRange('8.8.8.8')).toBe('unicast');
  });

  it('allows what the operator lists: names, addresses and ranges, nothing more', () => {
    const allow = parseOutboundAllow('crm.corp.example, 10.1.2.3 192.168.0.0/16,[fd00::/8], junk!');
    expect(refusedAddress(allow, 'crm.corp.example', '10.9.9.9')).toBeNull();
    expect(refusedAddress(allow, 'x.example', '10.1.2.3')).toBeNull();
    expect(refusedAddress(allow, 'x.example', '::ffff:10.1.2.3')).toBeNull();
    expect(refusedAddress(allow, 'x.example', '192.168.44.5')).toBeNull();
    expect(refusedAddress(allow, 'x.example', 'fd12::1')).toBeNull();
    expect(refusedAddress(allow, 'x.example', '10.1.2.4')).toEqual({ range: 'private' });
    expect(refusedAddress(allow, 'x.example', '127.0.0.1')).toEqual({ range: 'loopback' });
    expect(internalUrlTarget('http://192.168.3.4/', allow)).toBeNull();
    expect(internalUrlTarget('http://172.16.0.1/', allow)).toMatchObject({ range: 'private' });
  });
});

describe('the spec check on automation URLs', () => {
  const spec = (url: string): AppSpec => ({
    specVersion: 1,
    name: { en: 'Tiny' },
    locales: ['en'],
    defaultLocale: 'en',
    entities: [
      {
        key: 'contact',
        label: { en: 'Contact' },
        titleField: 'name',
        fields: [{ key: 'name', type: 'text', label: { en: 'Name' } }],
      },
    ],
    automations: [
      {
        key: 'hook',
        label: { en: 'Hook' },
        on: { type: 'record.created', entity: 'contact' },
        do: [
          { type: 'callWebhook', url },
          { type: 'notify', channel: 'webhook', url, message: { en: 'x' } },
        ],
      },
    ],
  });

  it('refuses internal targets in callWebhook and webhook notifications, with the operator allowlist honoured', () => {
    const refused = validateSpec(spec('http://169.254.169.254/'), { locale: 'en' });
    expect(refused.errors.map((e) => [e.path, e.code])).toEqual([
      ['/automations/0/do/0/url', 'outbound.internalTarget'],
      ['/automations/0/do/1/url', 'outbound.internalTarget'],
    ]);
    expect(refused.errors[0]?.message).toContain('TRELLIS_OUTBOUND_ALLOW');
    expect(validateSpec(spec('https://hooks.example.com/x')).ok).toBe(true);
    expect(validateSpec(spec('http://10.0.0.5/x'), { outboundAllow: '10.0.0.0/8' }).ok).toBe(true);
  });
});
