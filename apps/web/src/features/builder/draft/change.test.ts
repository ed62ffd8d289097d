import { describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { localeChange } from '../common/locale-change';
import type { Change } from './change';
import { createDraftStore } from './draft-store';
import { entityIn, setOptional } from './find';

const SPEC = {
  specVersion: 1,
  name: { 'zh-CN': '测试' },
  locales: ['zh-CN', 'en'],
  defaultLocale: 'zh-CN',
  entities: [{ key: 'lead', label: { 'zh-CN': '线索' }, titleField: 'name', fields: [] }],
  dashboards: [
    {
      key: 'd',
      label: { 'zh-CN': '看板' },
      widgets: [{ key: 'w', type: 'breakdown', title: { 'zh-CN': '分布' } }],
    },
  ],
} as unknown as AppSpec;

const store = () =>
  createDraftStore(
    { spec: SPEC, revision: 0, baseVersion: 1 },
    { save: () => new Promise(() => undefined) },
  );

describe('edits sent as changes of the latest draft', () => {
  it('keeps both languages when the English name is typed before the Chinese one came back', () => {
    const s = store();
    // Both changes are made from the same (stale) render, before either is applied.
    const zh = localeChange('zh-CN', '学员');
    const en = localeChange('en', 'Student');
    for (const change of [zh, en])
      s.edit('name', (d) => setOptional(entityIn(d, 'lead'), 'label', change as never));
    expect(s.getSnapshot().spec.entities[0]!.label).toEqual({ 'zh-CN': '学员', en: 'Student' });
  });

  it('removes a label whose every language was emptied, and reads a plain string as Chinese', () => {
    expect(localeChange('zh-CN', '')('线索')).toBeUndefined();
    expect(localeChange('en', 'Lead')('线索')).toEqual({ 'zh-CN': '线索', en: 'Lead' });
  });

  it('keeps a title typed just before a widget setting changed (one widget, two editors)', () => {
    const s = store();
    type Widget = Record<string, unknown>;
    // How the dashboard editor applies a widget change: to the widget as the draft holds it.
    const setProp = (key: string, change: Change<unknown>) =>
      s.edit('widget', (d) => {
        const widgets = d.dashboards![0]!.widgets as unknown as Widget[];
        const next = { ...widgets[0] };
        setOptional(next, key, change);
        widgets[0] = next;
      });
    setProp('title', localeChange('en', 'Leads by course'));
    setProp('field', 'course');
    const widget = s.getSnapshot().spec.dashboards![0]!.widgets[0];
    expect(widget).toEqual({
      key: 'w',
      type: 'breakdown',
      field: 'course',
      title: { 'zh-CN': '分布', en: 'Leads by course' },
    });
    // The draft stays plain frozen data (no immer draft left inside the new widget object).
    expect(Object.isFrozen(widget)).toBe(true);
    setProp('field', undefined);
    expect(s.getSnapshot().spec.dashboards![0]!.widgets[0]).not.toHaveProperty('field');
  });
});
