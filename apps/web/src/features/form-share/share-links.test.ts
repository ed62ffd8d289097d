import { describe, expect, it } from 'vitest';
import { formLink, frameSnippet, scriptSnippet } from './share-links';

describe('share links', () => {
  it('tags the link with the channel and campaign only when given', () => {
    expect(formLink('https://crm.school.cn', 'apply', { source: '', campaign: ' ' })).toBe(
      'https://crm.school.cn/f/apply',
    );
    expect(
      formLink('https://crm.school.cn', 'apply', { source: 'poster', campaign: '春季 班' }),
    ).toBe(
      'https://crm.school.cn/f/apply?utm_source=poster&utm_campaign=%E6%98%A5%E5%AD%A3+%E7%8F%AD',
    );
  });

  it('writes embed snippets that cannot be broken out of by the title', () => {
    expect(scriptSnippet('https://crm.school.cn', 'apply')).toBe(
      '<script src="https://crm.school.cn/f/apply/embed.js" async></script>',
    );
    const frame = frameSnippet('https://crm.school.cn', 'apply', '"><script>');
    expect(frame).toContain('src="https://crm.school.cn/f/apply?embed=1"');
    expect(frame).not.toContain('"><script>');
  });
});
