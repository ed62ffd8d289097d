import { describe, expect, it } from 'vitest';
import { kebabKeyFromName } from './pinyin-key';

describe('keys made from names given only in Chinese', () => {
  it('spells a Chinese name in pinyin, without tones, as a kebab-case key', async () => {
    expect(await kebabKeyFromName('招生组', [], 'team')).toBe('zhao-sheng-zu');
    // A character read two ways takes the reading of its word; ü is written v.
    expect(await kebabKeyFromName('银行组', [], 'team')).toBe('yin-hang-zu');
    expect(await kebabKeyFromName('绿色通道', [], 'team')).toBe('lv-se-tong-dao');
    // Latin letters and digits in the name are kept as they are.
    expect(await kebabKeyFromName('重庆A组', [], 'team')).toBe('chong-qing-a-zu');
    expect(await kebabKeyFromName('2班', [], 'team')).toBe('team-1');
  });

  it('is unique among the keys already taken', async () => {
    expect(await kebabKeyFromName('招生组', ['zhao-sheng-zu'], 'team')).toBe('zhao-sheng-zu-2');
    expect(await kebabKeyFromName('招生组', ['zhao-sheng-zu', 'zhao-sheng-zu-2'], 'team')).toBe(
      'zhao-sheng-zu-3',
    );
  });

  it('keys a name without Chinese as kebabKeyFrom does', async () => {
    expect(await kebabKeyFromName('Admissions', ['team-1'], 'team')).toBe('admissions');
    expect(await kebabKeyFromName('', ['team-1'], 'team')).toBe('team-2');
  });
});
