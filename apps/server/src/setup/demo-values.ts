import { parseDuration } from '@trellis/logic';

/** `-36h` / `+2d` relative to `now` (durations as parseDuration reads them); null when malformed. */
export function relativeTime(value: unknown, now: number): number | null {
  if (typeof value !== 'string') return null;
  const sign = value.startsWith('-') ? -1 : 1;
  const ms = parseDuration(value.replace(/^[+-]/, ''));
  return ms === null ? null : now + sign * ms;
}

/** A date in China time (UTC+8), the calendar the demo's people live in. */
function chinaDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Resolves the recipe's value markers: `{ "$at": "-36h" }` (datetime), `{ "$date": "+14d" }`
 * (date) and `{ "$ref": "lead-012" }` (the id of a record loaded earlier).
 */
export function resolveValue(value: unknown, now: number, refs: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, now, refs));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  if ('$at' in o) return relativeTime(o.$at, now);
  if ('$date' in o) {
    const t = relativeTime(o.$date, now);
    return t === null ? null : chinaDate(t);
  }
  if ('$ref' in o) return refs.get(String(o.$ref)) ?? null;
  return value;
}
