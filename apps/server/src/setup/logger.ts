import pino, { type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Where the server's log lines go: pino's logger, or anything with the same methods. */
export type AppLogger = Pick<Logger, 'error' | 'warn' | 'info' | 'debug'>;

/**
 * Keys never written to the log, wherever they appear one level deep (a logged object that
 * carries a password or token by mistake still prints `[redacted]`).
 */
const SECRET_KEYS = ['password', 'token', 'secret', 'authorization', 'cookie', 'apiKey'];

/**
 * The server's logger (pino): JSON lines on stderr, or human-readable lines through pino-pretty
 * when `format` is `pretty`. Synchronous writes, so nothing is lost when the process stops.
 * pino-pretty loads only for `pretty`: JSON, the default, starts without parsing it.
 * @example (await createLogger({ level: 'info', format: 'pretty' })).info({ reqId }, 'request')
 */
export async function createLogger(o: {
  level?: LogLevel;
  format?: LogFormat;
  destination?: NodeJS.WritableStream;
}): Promise<Logger> {
  const options = {
    level: o.level ?? 'info',
    base: undefined,
    redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`]), censor: '[redacted]' },
  };
  if (o.format === 'pretty') {
    const { default: pretty } = await import('pino-pretty');
    return pino(
      options,
      pretty({
        sync: true,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        destination: o.destination ?? 2,
        colorize: o.destination ? false : process.stderr.isTTY,
      }),
    );
  }
  return pino(options, o.destination ?? pino.destination({ dest: 2, sync: true }));
}

/** Parses a --log-level / TRELLIS_LOG_LEVEL value. */
export function parseLogLevel(value: string): LogLevel | undefined {
  return (LOG_LEVELS as readonly string[]).includes(value) ? (value as LogLevel) : undefined;
}

/** Parses a --log-format / TRELLIS_LOG_FORMAT value. */
export function parseLogFormat(value: string): LogFormat | undefined {
  return (LOG_FORMATS as readonly string[]).includes(value) ? (value as LogFormat) : undefined;
}
