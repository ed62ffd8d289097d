import { describe, expect, it } from 'vitest';
import { recordCopy } from './record-copy';

describe('recordCopy', () => {
  it('is the spread { ...base, ...over }: same keys, same order, later values win', () => {
    const base = { name: '张三', phone: '13800138000', city: null, ownerId: 'u1' };
    const over = { city: '上海', stage: 'new', name: '李四' };
    const copy = recordCopy(base, over);
    expect(copy).toEqual({ ...base, ...over });
    expect(Object.keys(copy)).toEqual(Object.keys({ ...base, ...over }));
    expect(Object.keys(copy)).toEqual(['name', 'phone', 'city', 'ownerId', 'stage']);
  });

  it('copies: neither input changes when the copy does', () => {
    const base = { name: '张三' };
    const over = { city: '上海' };
    const copy = recordCopy(base, over);
    copy.name = '王五';
    copy.city = '北京';
    expect(base).toEqual({ name: '张三' });
    expect(over).toEqual({ city: '上海' });
    expect(recordCopy(base)).not.toBe(base);
    expect(recordCopy(base)).toEqual(base);
  });
});
