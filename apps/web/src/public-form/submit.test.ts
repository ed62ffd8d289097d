import { describe, expect, it } from 'vitest';
import { attribution } from './submit';

// What the public page sends with the answers about where the visitor came from: the campaign
// tags of the link they opened, the page before it, and the address they landed on.
describe('attribution of a public form visit', () => {
  const at = (href: string) => new URL(href) as unknown as Location;

  it('takes the UTM tags from the link and the referrer from the browser', () => {
    const href = 'https://crm.school.cn/f/apply?utm_source=douyin&utm_campaign=py_spring&x=1';
    expect(attribution(at(href), 'https://www.douyin.com/')).toEqual({
      utm_source: 'douyin',
      utm_campaign: 'py_spring',
      landing_url: href,
      referrer: 'https://www.douyin.com/',
    });
  });

  it('sends no referrer when the browser gives none, and no empty tags', () => {
    const href = 'https://crm.school.cn/f/apply?utm_source=&utm_medium=poster';
    expect(attribution(at(href), '')).toEqual({ utm_medium: 'poster', landing_url: href });
  });

  it('in a frame on a school site, takes the host page address and referrer from the link', () => {
    const host = 'https://www.school.cn/python?utm_source=baidu';
    const href =
      `https://crm.school.cn/f/apply?utm_source=baidu&landing_url=${encodeURIComponent(host)}` +
      `&referrer=${encodeURIComponent('https://www.baidu.com/s?wd=python')}`;
    expect(attribution(at(href), 'https://www.school.cn/python')).toEqual({
      utm_source: 'baidu',
      landing_url: host,
      referrer: 'https://www.baidu.com/s?wd=python',
    });
  });
});
