import { readFileSync } from 'node:fs';
import type { Limits } from '../context';
import { LIMIT_VARIABLES } from './env-limits';
import { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './logger';

/** What an operator may set in the config file (docs/deploy.md). */
export type TrellisConfig = {
  limits?: Partial<Limits>;
  log?: { level?: LogLevel; format?: LogFormat };
  /** Days processed events and automation runs are kept (0: forever). */
  retention?: { days?: number };
};

/** One problem of a config file: where (a JSON path like `limits.bodyBytes`) and what. */
export type ConfigProblem = {
  path: string;
  code: 'unreadable' | 'json' | 'unknown_key' | 'not_object' | 'whole_number' | 'one_of';
  /** The allowed keys or values, the smallest number, or the parser's message. */
  detail: string;
};

const LIMIT_KEYS = Object.keys(LIMIT_VARIABLES) as (keyof Limits)[];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads and checks the config file: every problem at once, each naming its key, so a typo
 * (`intakePerMinut`) is refused instead of silently ignored.
 * @example readConfigFile('/etc/trellis.json') // { ok: true, config: { limits: { bodyBytes: 2e6 } } }
 */
export function readConfigFile(
  file: string,
): { ok: true; config: TrellisConfig } | { ok: false; problems: ConfigProblem[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: '', code: 'unreadable', detail: (error as Error).message }],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '', code: 'json', detail: (error as Error).message }] };
  }
  return checkConfig(raw);
}

/** Checks a parsed config value (see readConfigFile). */
export function checkConfig(
  raw: unknown,
): { ok: true; config: TrellisConfig } | { ok: false; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const config: TrellisConfig = {};
  const section = (key: string, allowed: readonly string[]) => {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) return undefined;
    if (!isObject(value)) {
      problems.push({ path: key, code: 'not_object', detail: '' });
      return undefined;
    }
    for (const k of Object.keys(value))
      if (!allowed.includes(k))
        problems.push({ path: `${key}.${k}`, code: 'unknown_key', detail: allowed.join(', ') });
    return value;
  };
  if (!isObject(raw))
    return { ok: false, problems: [{ path: '', code: 'not_object', detail: '' }] };
  for (const key of Object.keys(raw))
    if (!['limits', 'log', 'retention', '$schema'].includes(key))
      problems.push({ path: key, code: 'unknown_key', detail: 'limits, log, retention' });

  const limits = section('limits', LIMIT_KEYS);
  if (limits) {
    config.limits = {};
    for (const key of LIMIT_KEYS) {
      const value = limits[key];
      if (value === undefined) continue;
      const min = key === 'intakePerMinute' ? 0 : 1;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
        problems.push({ path: `limits.${key}`, code: 'whole_number', detail: String(min) });
      else config.limits[key] = value;
    }
  }
  const log = section('log', ['level', 'format']);
  if (log) {
    config.log = {};
    if (log.level !== undefined) {
      if ((LOG_LEVELS as readonly unknown[]).includes(log.level))
        config.log.level = log.level as LogLevel;
      else problems.push({ path: 'log.level', code: 'one_of', detail: LOG_LEVELS.join(', ') });
    }
    if (log.format !== undefined) {
      if ((LOG_FORMATS as readonly unknown[]).includes(log.format))
        config.log.format = log.format as LogFormat;
      else problems.push({ path: 'log.format', code: 'one_of', detail: LOG_FORMATS.join(', ') });
    }
  }
  const retention = section('retention', ['days']);
  if (retention?.days !== undefined) {
    const days = retention.days;
    if (typeof days !== 'number' || !Number.isSafeInteger(days) || days < 0)
      problems.push({ path: 'retention.days', code: 'whole_number', detail: '0' });
    else config.retention = { days };
  }
  return problems.length ? { ok: false, problems } : { ok: true, config };
}
