import type { Context } from 'hono';
import { isTimeZone } from '@trellis/logic';
import type { AppEnv } from '../types';
import { HttpProblem } from './problem';

/** The server's own zone: what "today" means when the caller does not say. */
const SERVER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * The IANA time zone of "today" / "this week" in a filter (`startOf`): `?tz=` or the
 * `X-Time-Zone` header (the web app sends the browser's), else the server's. A name the platform
 * does not know is a 400 naming it.
 */
export function timeZoneOf(c: Context<AppEnv>): string {
  const given = c.req.query('tz') ?? c.req.header('x-time-zone');
  if (given === undefined || given === '') return SERVER_ZONE;
  if (!isTimeZone(given))
    throw new HttpProblem(400, 'invalid_value', { reason: 'tz' }, [
      { path: '/tz', code: 'invalid_value', message: '', params: { reason: 'tz' } },
    ]);
  return given;
}
