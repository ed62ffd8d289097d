import { describe, expect, it } from 'vitest';
import type { CliContext } from './context';
import { localeOfLang, preScanLocale } from './locale';
import { runCli } from './run';

async function help(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  const ctx: CliContext = {
    cwd: process.cwd(),
    env,
    stdout: (s) => void (out += s),
    stderr: (s) => void (out += s),
    exitCode: 0,
  };
  const code = await runCli(argv, ctx);
  return { code, out };
}

describe('the locale of every command', () => {
  it('is --locale, else TRELLIS_LOCALE, else the system LANG, else zh-CN', () => {
    expect(preScanLocale(['--locale', 'en'], { TRELLIS_LOCALE: 'zh-CN' })).toBe('en');
    expect(preScanLocale([], { TRELLIS_LOCALE: 'en', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(preScanLocale([], { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(preScanLocale([], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh-CN');
    expect(preScanLocale([], { LANG: 'C.UTF-8' })).toBe('zh-CN');
    expect(preScanLocale([], { LANG: 'de_DE.UTF-8' })).toBe('zh-CN');
    expect(localeOfLang('en')).toBe('en');
    expect(localeOfLang('POSIX')).toBeUndefined();
  });

  it('is accepted by every command and changes what it prints', async () => {
    for (const argv of [
      ['init'],
      ['start'],
      ['users', 'add'],
      ['backup'],
      ['restore'],
      ['spec', 'import'],
      ['spec', 'export'],
      ['webhooks'],
    ]) {
      const en = await help([...argv, '--help', '--locale', 'en']);
      expect(en.code, argv.join(' ')).toBe(0);
      expect(en.out, argv.join(' ')).toMatch(/--locale <locale>/);
      const zh = await help([...argv, '--help'], { LANG: 'zh_CN.UTF-8' });
      expect(zh.out, argv.join(' ')).not.toBe(en.out);
    }
    const bad = await help(['init', '--locale', 'fr']);
    expect(bad.code).toBe(2);
    expect((await help(['init', '--help'], { LANG: 'en_US.UTF-8' })).out).toMatch(/Usage:/);
  });
});
