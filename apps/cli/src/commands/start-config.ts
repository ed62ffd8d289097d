import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  envLimits,
  envLockTimeout,
  envRetention,
  RETENTION_VARIABLE,
  parseLogFormat,
  parseLogLevel,
  readConfigFile,
  type ConfigProblem,
  type Limits,
  type LogFormat,
  type LogLevel,
} from '@trellis/server';
import { resolveUserPath, type CliContext } from '../context';
import { say, type CliLocale } from '../locale';

/** The config file `trellis start` reads from the data folder when neither --config nor TRELLIS_CONFIG names one. */
const CONFIG_FILE = 'trellis.config.json';

export type StartSettings = {
  limits: Partial<Limits>;
  log: { level: LogLevel; format: LogFormat };
};

/**
 * What `trellis start` runs with: the config file (--config, else TRELLIS_CONFIG, else
 * `<data>/trellis.config.json` when present), overridden by the environment
 * (TRELLIS_LIMIT_*, TRELLIS_LOG_LEVEL/FORMAT), overridden by the command's flags. Anything
 * wrong stops the start with a message naming the key or variable (exit 2).
 */
export function startSettings(
  ctx: CliContext,
  locale: CliLocale,
  o: { config?: string; logLevel?: string; logFormat?: string },
  dataDir: string,
): { ok: true; settings: StartSettings } | { ok: false; message: string } {
  const named = o.config ?? ctx.env.TRELLIS_CONFIG;
  const file = named ? resolveUserPath(ctx, named) : join(dataDir, CONFIG_FILE);
  let fromFile: {
    limits?: Partial<Limits>;
    log?: { level?: LogLevel; format?: LogFormat };
    retention?: { days?: number };
  } = {};
  if (named || existsSync(file)) {
    const read = readConfigFile(file);
    if (!read.ok)
      return {
        ok: false,
        message:
          say(locale, `配置文件 ${file} 有误：\n`, `The config file ${file} is not valid:\n`) +
          read.problems.map((p) => `  ${describe(p, locale)}\n`).join(''),
      };
    fromFile = read.config;
  }
  const env = envLimits(ctx.env);
  if (!env.ok)
    return {
      ok: false,
      message: say(
        locale,
        `${env.variable} 必须是整数（收到 "${env.value}"）\n`,
        `${env.variable} must be a whole number (got "${env.value}")\n`,
      ),
    };
  const retention = envRetention(ctx.env);
  if (!retention.ok)
    return {
      ok: false,
      message: say(
        locale,
        `${retention.variable} 必须是不小于 0 的整数天数（收到 "${retention.value}"）\n`,
        `${retention.variable} must be a whole number of days, 0 or more (got "${retention.value}")\n`,
      ),
    };
  const lockTimeout = envLockTimeout(ctx.env);
  if (!lockTimeout.ok)
    return {
      ok: false,
      message: say(
        locale,
        `${lockTimeout.variable} 必须是 0 到 2147483647 之间的整数毫秒数（0 表示不设上限；收到 "${lockTimeout.value}"）\n`,
        `${lockTimeout.variable} must be a whole number of milliseconds from 0 to 2147483647 (0: no limit; got "${lockTimeout.value}")\n`,
      ),
    };
  // The writer thread reads retention from the environment it inherits: the file's value goes
  // there unless the environment already set one.
  if (ctx.env[RETENTION_VARIABLE] === undefined && fromFile.retention?.days !== undefined)
    ctx.env[RETENTION_VARIABLE] = String(fromFile.retention.days);
  const levelText = o.logLevel ?? ctx.env.TRELLIS_LOG_LEVEL ?? fromFile.log?.level ?? 'info';
  const formatText = o.logFormat ?? ctx.env.TRELLIS_LOG_FORMAT ?? fromFile.log?.format ?? 'json';
  const level = parseLogLevel(levelText);
  const format = parseLogFormat(formatText);
  if (!level)
    return {
      ok: false,
      message: say(
        locale,
        `日志级别无效：${levelText}（可选 fatal、error、warn、info、debug、trace、silent）\n`,
        `Invalid log level: ${levelText} (one of fatal, error, warn, info, debug, trace, silent)\n`,
      ),
    };
  if (!format)
    return {
      ok: false,
      message: say(
        locale,
        `日志格式无效：${formatText}（可选 json、pretty）\n`,
        `Invalid log format: ${formatText} (json or pretty)\n`,
      ),
    };
  return {
    ok: true,
    settings: { limits: { ...fromFile.limits, ...env.limits }, log: { level, format } },
  };
}

/** One config problem in the operator's language. */
function describe(p: ConfigProblem, locale: CliLocale): string {
  const at = p.path || say(locale, '文件', 'file');
  switch (p.code) {
    case 'unreadable':
      return say(locale, `无法读取：${p.detail}`, `cannot be read: ${p.detail}`);
    case 'json':
      return say(locale, `不是有效的 JSON：${p.detail}`, `is not valid JSON: ${p.detail}`);
    case 'not_object':
      return say(locale, `${at} 必须是对象 {…}`, `${at} must be an object {…}`);
    case 'unknown_key':
      return say(
        locale,
        `${at}：没有这个设置（可用：${p.detail}）`,
        `${at}: no such setting (known: ${p.detail})`,
      );
    case 'whole_number':
      return say(
        locale,
        `${at} 必须是不小于 ${p.detail} 的整数`,
        `${at} must be a whole number of at least ${p.detail}`,
      );
    case 'one_of':
      return say(locale, `${at} 必须是以下之一：${p.detail}`, `${at} must be one of: ${p.detail}`);
  }
}
