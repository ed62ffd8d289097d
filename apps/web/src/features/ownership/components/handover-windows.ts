import { parseDuration } from '@trellis/logic';
import type { EntitySpec } from '@trellis/spec';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type WindowUnit = 'weeks' | 'days' | 'hours' | 'minutes';
/** A time window as the dialog says it: 0 when off. */
export type Window = { ms: number; unit: WindowUnit; count: number };

/**
 * The two windows a handover of this entity opens, with the engine's defaults (a 24 h
 * first-contact task, a 48 h read-only cooldown; "0h" turns either off). Mirrors
 * `handoverRules` of the engine: an unreadable or negative value counts as the default.
 */
export function handoverWindows(entity: EntitySpec): { contact: Window; cooldown: Window } {
  const h = entity.handover ?? {};
  return { contact: window(h.contactWithin, '24h'), cooldown: window(h.cooldown, '48h') };
}

const UNITS: Record<string, WindowUnit> = { w: 'weeks', d: 'days', h: 'hours', m: 'minutes' };

function window(value: string | undefined, fallback: string): Window {
  const parsed = value === undefined ? null : parseDuration(value);
  const text = parsed === null || parsed < 0 ? fallback : (value as string).trim();
  const ms = parseDuration(text) ?? 0;
  // Said in the unit the spec's author wrote ("48h" stays 48 hours, "2d" 2 days)…
  const short = /^(\d+)([wdhm])$/.exec(text);
  if (short) return { ms, unit: UNITS[short[2]!]!, count: Number(short[1]) };
  // …else (ISO 8601, seconds) in the largest whole unit.
  if (ms >= DAY && ms % DAY === 0) return { ms, unit: 'days', count: ms / DAY };
  if (ms >= HOUR && ms % HOUR === 0) return { ms, unit: 'hours', count: ms / HOUR };
  return { ms, unit: 'minutes', count: Math.max(1, Math.round(ms / MINUTE)) };
}

/** Which sentence the dialog shows under the form: one per combination, none when both are off. */
export function afterKey(w: { contact: Window; cooldown: Window }): string | null {
  if (w.contact.ms > 0 && w.cooldown.ms > 0) return 'handover.after';
  if (w.contact.ms > 0) return 'handover.afterContact';
  if (w.cooldown.ms > 0) return 'handover.afterCooldown';
  return null;
}
