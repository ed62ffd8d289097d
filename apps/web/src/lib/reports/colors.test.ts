import { describe, expect, it } from 'vitest';
import type { AppSpec, WidgetSpec } from '@trellis/spec';
import { groupColors } from './colors';

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const spec = {
  specVersion: 1,
  name: L('测试', 'Test'),
  defaultLocale: 'zh-CN',
  locales: ['zh-CN', 'en'],
  entities: [
    {
      key: 'customer',
      label: L('客户', 'Customer'),
      fields: [
        {
          key: 'firstChannel',
          type: 'select',
          label: L('渠道', 'Channel'),
          options: [
            { value: 'wechat', label: L('微信', 'WeChat'), color: '#07c160' },
            { value: 'expo', label: L('展会', 'Expo') },
          ],
        },
        { key: 'city', type: 'text', label: L('城市', 'City') },
      ],
    },
    {
      key: 'deal',
      label: L('商机', 'Deal'),
      fields: [
        { key: 'customer', type: 'relation', entity: 'customer', label: L('客户', 'Customer') },
        {
          key: 'riskLevel',
          type: 'select',
          label: L('风险', 'Risk'),
          options: [
            { value: 'red', label: L('高风险', 'High'), color: '#f5222d' },
            { value: 'yellow', label: L('需关注', 'Watch'), color: '#faad14' },
            { value: 'green', label: L('健康', 'Healthy'), color: '#52c41a' },
          ],
        },
        { key: 'city', type: 'text', label: L('城市', 'City') },
      ],
    },
  ],
  pipelines: [
    {
      key: 'sales',
      label: L('销售', 'Sales'),
      entity: 'deal',
      stages: [
        { key: 'open', label: L('跟进', 'Open'), category: 'open', color: '#1677ff' },
        { key: 'won', label: L('赢单', 'Won'), category: 'won' },
      ],
    },
  ],
} as unknown as AppSpec;

const widget = (w: Partial<WidgetSpec>): WidgetSpec =>
  ({ key: 'w', type: 'breakdown', title: L('图', 'Chart'), entity: 'deal', ...w }) as WidgetSpec;

describe('the colours of a grouped widget', () => {
  it('are the select options’ colours, with grey for "other", "(empty)" and hidden rows', () => {
    expect(Object.fromEntries(groupColors(spec, widget({ field: 'riskLevel' })))).toEqual({
      red: '#f5222d',
      yellow: '#faad14',
      green: '#52c41a',
      $other: '#bfbfbf',
      '': '#d9d9d9',
      $hidden: '#8c8c8c',
    });
  });

  it('come from the related record’s field with `via`; an option without a colour has none', () => {
    const colors = groupColors(spec, widget({ via: 'customer', field: 'firstChannel' }));
    expect(colors.get('wechat')).toBe('#07c160');
    expect(colors.has('expo')).toBe(false);
  });

  it('are the stages’ colours for a breakdown by stage (its default field)', () => {
    expect(groupColors(spec, widget({})).get('open')).toBe('#1677ff');
    expect(groupColors(spec, widget({})).has('won')).toBe(false);
  });

  it('are none for a field without colours, another widget kind or an unknown widget', () => {
    expect(groupColors(spec, widget({ field: 'city' })).size).toBe(0);
    expect(groupColors(spec, widget({ via: 'riskLevel', field: 'firstChannel' })).size).toBe(0);
    expect(groupColors(spec, widget({ type: 'funnel' })).size).toBe(0);
    expect(groupColors(spec, widget({ type: 'ratio', field: 'riskLevel' })).size).toBe(0);
    expect(groupColors(spec, undefined).size).toBe(0);
  });
});
