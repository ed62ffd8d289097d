import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import type { CliContext } from './context';
import { localeOfLang, preScanLocale } from './locale';
import { buildProgram } from './program';
import { runCli } from './run';

const contextOf = (
  env: Record<string, string> = {},
  write: (s: string) => void = () => {},
): CliContext => ({ cwd: process.cwd(), env, stdout: write, stderr: write, exitCode: 0 });

async function help(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  const code = await runCli(
    argv,
    contextOf(env, (s) => void (out += s)),
  );
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
    // Every command of the program, subcommands too: a command added later is checked as well.
    const paths = (command: Command, prefix: string[] = []): string[][] =>
      command.commands.flatMap((sub) => {
        const path = [...prefix, sub.name()];
        return [path, ...paths(sub, path)];
      });
    const all = paths(buildProgram(contextOf(), 'en'));
    expect(all.map((p) => p.join(' '))).toEqual(
      expect.arrayContaining(['init', 'start', 'users add', 'backup', 'restore', 'spec import']),
    );
    for (const argv of all) {
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
