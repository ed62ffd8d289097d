import { describe, expect, it } from 'vitest';
import { readablePath, shortValue, summarise } from './summary';

describe('template plan summary', () => {
  it('counts new and changed items per part, named by the builder section that edits it', () => {
    const parts = summarise([
      { path: '/entities/deal', op: 'added' },
      { path: '/entities/customer', op: 'added' },
      { path: '/entities/lead/fields/budget', op: 'added' },
      { path: '/entities/lead/fields/notes/maxLength', op: 'changed' },
      { path: '/automations/route-new', op: 'added' },
      { path: '/roles/sales/entities/deal', op: 'added' },
      { path: '/activityTypes/visit', op: 'added' },
      { path: '/quickReplies/hello', op: 'added' },
    ]);
    expect(parts).toEqual([
      { part: 'entities', labelKey: 'sections.entities', added: 2, changed: 1 },
      { part: 'automations', labelKey: 'sections.automations', added: 1, changed: 0 },
      { part: 'roles', labelKey: 'sections.roles', added: 0, changed: 1 },
      { part: 'activityTypes', labelKey: 'sections.activities', added: 2, changed: 0 },
    ]);
  });

  it('reads conflict paths and values in one line', () => {
    expect(readablePath('/entities/lead/fields/wechatId/label/zh-CN')).toBe(
      'entities › lead › fields › wechatId › label › zh-CN',
    );
    expect(readablePath('/views/a~1b')).toBe('views › a/b');
    expect(shortValue(undefined)).toBeNull();
    expect(shortValue('微信')).toBe('微信');
    expect(shortValue({ max: 3 })).toBe('{"max":3}');
    expect(shortValue('x'.repeat(200))).toHaveLength(140);
  });
});
