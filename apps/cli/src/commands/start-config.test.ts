import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../context';
import { envLockTimeout } from '@trellis/server';
import { startSettings } from './start-config';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const ctxOf = (cwd: string, env: Record<string, string> = {}): CliContext => ({
  cwd,
  env,
  stdout: () => {},
  stderr: () => {},
  exitCode: 0,
});

function folder(config?: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'trellis-config-'));
  dirs.push(dir);
  if (config !== undefined)
    writeFileSync(
      join(dir, 'trellis.config.json'),
      typeof config === 'string' ? config : JSON.stringify(config),
    );
  return dir;
}

describe('trellis start settings: config file, environment, flags', () => {
  it('reads <data>/trellis.config.json; the environment overrides it and the flags override both', () => {
    const dir = folder({
      limits: { intakePerMinute: 5, bodyBytes: 2000 },
      log: { level: 'warn', format: 'pretty' },
    });
    const fromFile = startSettings(ctxOf(dir), 'en', {}, dir);
    expect(fromFile).toEqual({
      ok: true,
      settings: {
        limits: { intakePerMinute: 5, bodyBytes: 2000 },
        log: { level: 'warn', format: 'pretty' },
      },
    });
    const overridden = startSettings(
      ctxOf(dir, { TRELLIS_LIMIT_INTAKE_PER_MINUTE: '0', TRELLIS_LOG_LEVEL: 'error' }),
      'en',
      { logLevel: 'debug' },
      dir,
    );
    expect(overridden).toMatchObject({
      ok: true,
      settings: { limits: { intakePerMinute: 0, bodyBytes: 2000 }, log: { level: 'debug' } },
    });
    // No file: the defaults.
    const none = folder();
    expect(startSettings(ctxOf(none), 'en', {}, none)).toEqual({
      ok: true,
      settings: { limits: {}, log: { level: 'info', format: 'json' } },
    });
  });

  it('refuses a typo, a wrong value and broken JSON, naming every key in the caller language', () => {
    const dir = folder({
      limits: { intakePerMinut: 5, bodyBytes: -1, loginAttempts: 2.5 },
      log: { level: 'loud' },
      port: 80,
    });
    const en = startSettings(ctxOf(dir), 'en', {}, dir);
    expect(en.ok).toBe(false);
    const message = en.ok ? '' : en.message;
    expect(message).toContain('is not valid');
    expect(message).toMatch(/limits\.intakePerMinut: no such setting \(known: .*intakePerMinute/);
    expect(message).toContain('limits.bodyBytes must be a whole number of at least 1');
    expect(message).toContain('limits.loginAttempts must be a whole number of at least 1');
    expect(message).toMatch(/log\.level must be one of: fatal, error/);
    expect(message).toMatch(/port: no such setting/);
    const zh = startSettings(ctxOf(dir), 'zh-CN', {}, dir);
    expect(zh.ok ? '' : zh.message).toContain('limits.intakePerMinut：没有这个设置');

    const broken = folder('{ "limits": ');
    const json = startSettings(ctxOf(broken), 'en', {}, broken);
    expect(json.ok ? '' : json.message).toMatch(/is not valid JSON/);
    // A file named on purpose must exist.
    const missing = startSettings(ctxOf(broken), 'en', { config: 'nope.json' }, broken);
    expect(missing.ok ? '' : missing.message).toMatch(/nope\.json.*\n.*cannot be read/);
    const flag = startSettings(
      ctxOf(broken),
      'en',
      { config: 'nope.json', logFormat: 'xml' },
      broken,
    );
    expect(flag.ok).toBe(false);
  });

  it('refuses a bad log flag and a bad limit variable', () => {
    const dir = folder();
    const level = startSettings(ctxOf(dir), 'en', { logLevel: 'loud' }, dir);
    expect(level.ok ? '' : level.message).toMatch(/Invalid log level: loud/);
    const format = startSettings(ctxOf(dir), 'zh-CN', { logFormat: 'xml' }, dir);
    expect(format.ok ? '' : format.message).toMatch(/日志格式无效：xml/);
    const env = startSettings(ctxOf(dir, { TRELLIS_LIMIT_BODY_BYTES: 'lots' }), 'en', {}, dir);
    expect(env.ok ? '' : env.message).toMatch(/TRELLIS_LIMIT_BODY_BYTES must be a whole number/);
    const days = startSettings(ctxOf(dir, { TRELLIS_RETENTION_DAYS: '-1' }), 'en', {}, dir);
    expect(days.ok ? '' : days.message).toMatch(/TRELLIS_RETENTION_DAYS must be a whole number/);
  });

  it("refuses a PostgreSQL lock timeout that is not whole milliseconds, in the caller's language", () => {
    const dir = folder();
    const refused = (value: string, locale: 'en' | 'zh-CN') => {
      const r = startSettings(ctxOf(dir, { TRELLIS_PG_LOCK_TIMEOUT_MS: value }), locale, {}, dir);
      return r.ok ? '' : r.message;
    };
    expect(refused('5s', 'en')).toBe(
      'TRELLIS_PG_LOCK_TIMEOUT_MS must be a whole number of milliseconds from 0 to 2147483647 (0: no limit; got "5s")\n',
    );
    expect(refused('-1', 'zh-CN')).toBe(
      'TRELLIS_PG_LOCK_TIMEOUT_MS 必须是 0 到 2147483647 之间的整数毫秒数（0 表示不设上限；收到 "-1"）\n',
    );
    expect(refused('2147483648', 'en')).toMatch(/got "2147483648"/);
    for (const ok of ['0', '250', ' 10000 '])
      expect(startSettings(ctxOf(dir, { TRELLIS_PG_LOCK_TIMEOUT_MS: ok }), 'en', {}, dir).ok).toBe(
        true,
      );
    // What the writer thread opens its store with: 5 s unless told otherwise.
    expect(envLockTimeout({})).toEqual({ ok: true, lockTimeoutMs: 5000 });
    expect(envLockTimeout({ TRELLIS_PG_LOCK_TIMEOUT_MS: '0' })).toEqual({
      ok: true,
      lockTimeoutMs: 0,
    });
  });

  it('hands the retention days of the file to the writer thread through its environment, unless set there', () => {
    const dir = folder({ retention: { days: 7 } });
    const env: Record<string, string> = {};
    expect(startSettings(ctxOf(dir, env), 'en', {}, dir).ok).toBe(true);
    expect(env.TRELLIS_RETENTION_DAYS).toBe('7');
    const set: Record<string, string> = { TRELLIS_RETENTION_DAYS: '90' };
    expect(startSettings(ctxOf(dir, set), 'en', {}, dir).ok).toBe(true);
    expect(set.TRELLIS_RETENTION_DAYS).toBe('90');
    const bad = folder({ retention: { days: 'week' } });
    const refused = startSettings(ctxOf(bad), 'en', {}, bad);
    expect(refused.ok ? '' : refused.message).toContain(
      'retention.days must be a whole number of at least 0',
    );
  });
});
