import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { toEpochMs } from '../dates';
import { addDuration } from '../duration';
import { isTimeZone, PERIODS, startOfPeriod, type Period } from '../zoned';
import { isPlainObject, jsonEqual, readPath } from '../truthy';
import type { OperatorFn, OperatorScope } from '../types';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function since(unit: number): OperatorFn {
  return ([value], scope) => {
    const t = toEpochMs(value);
    return t === null ? null : (scope.now - t) / unit;
  };
}

/** True for null/missing, '', [] and {}; false for everything else (0 and false are values). */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

function fieldName(arg: unknown): string | null {
  if (typeof arg === 'string' && arg.length > 0) return arg;
  if (typeof arg === 'number' && Number.isInteger(arg)) return String(arg);
  return null;
}

/** previous and next value of a field, or null when there is no previous record (a create). */
function change(arg: unknown, scope: OperatorScope): { before: unknown; after: unknown } | null {
  const field = fieldName(arg);
  const previous = scope.ctx.previous;
  if (field === null || !isPlainObject(previous)) return null;
  const before = readPath(previous, field) ?? null;
  const after = readPath(scope.record, field) ?? null;
  return jsonEqual(before, after) ? null : { before, after };
}

/**
 * `enteredStage` / `leftStage`: the record entered (left) `stage` at a time in [from, to) — a
 * null bound is open. The store compiles them to an EXISTS over the record's stage transitions
 * (SqlOptions.stageMoves); evaluated in JS they read the record's `stageMoves` list
 * ({from, to, at} items), false without one.
 */
function stageMoved(side: 'to' | 'from'): OperatorFn {
  return ([stage, from, to], scope) => {
    if (typeof stage !== 'string') return false;
    const open = (v: unknown) => v === null || v === undefined;
    const [lo, hi] = [open(from) ? null : toEpochMs(from), open(to) ? null : toEpochMs(to)];
    if ((!open(from) && lo === null) || (!open(to) && hi === null)) return false;
    const moves = isPlainObject(scope.record) ? scope.record.stageMoves : undefined;
    if (!Array.isArray(moves)) return false;
    return moves.some((m: unknown) => {
      if (!isPlainObject(m) || m[side] !== stage) return false;
      const at = toEpochMs(m.at);
      return at !== null && (lo === null || at >= lo) && (hi === null || at < hi);
    });
  };
}

/**
 * Trellis operators. Dates are epoch ms numbers or ISO date/datetime strings (UTC when no
 * offset). Wrong argument types give null (values) or false (tests), never an exception.
 */
export const customOperators: Record<string, OperatorFn> = {
  now: (_args, scope) => scope.now,
  daysSince: since(DAY),
  hoursSince: since(HOUR),
  addDuration: ([date, duration]) => {
    const t = toEpochMs(date);
    return t === null || typeof duration !== 'string' ? null : addDuration(t, duration);
  },
  startOf: ([period, date], scope) => {
    const t = date === undefined ? scope.now : toEpochMs(date);
    if (t === null || !PERIODS.includes(period as Period)) return null;
    const zone = isTimeZone(scope.ctx.timeZone) ? scope.ctx.timeZone : 'UTC';
    return startOfPeriod(t, period as Period, zone);
  },
  isEmpty: ([v]) => isEmptyValue(v),
  startsWith: ([s, prefix]) =>
    typeof s === 'string' && typeof prefix === 'string' && s.startsWith(prefix),
  contains: ([haystack, needle]) => {
    if (typeof haystack === 'string')
      return typeof needle === 'string' && haystack.includes(needle);
    if (Array.isArray(haystack)) return haystack.some((item) => item === needle);
    return false;
  },
  // Counts characters (code points), so an emoji counts once, as SQLite's length() does.
  length: ([v]) => {
    if (v === null || v === undefined) return 0;
    if (typeof v === 'string') {
      let n = 0;
      for (const _ of v) n++;
      return n;
    }
    return Array.isArray(v) ? v.length : null;
  },
  // A stable code from several values (e.g. phone + tax ID) that other systems can compute and
  // compare without the values themselves: hex SHA-256 of the values joined by "|"; null when
  // any value is empty, so a record that lacks one gets no code rather than a wrong one.
  sha256: (args) => {
    if (args.length === 0 || args.some(isEmptyValue)) return null;
    if (!args.every((a) => typeof a === 'string' || typeof a === 'number')) return null;
    return bytesToHex(sha256(utf8ToBytes(args.map(String).join('|'))));
  },
  enteredStage: stageMoved('to'),
  leftStage: stageMoved('from'),
  changed: ([field], scope) => change(field, scope) !== null,
  changedTo: ([field, value], scope) => {
    const c = change(field, scope);
    return c !== null && jsonEqual(c.after, value);
  },
  changedFrom: ([field, value], scope) => {
    const c = change(field, scope);
    return c !== null && jsonEqual(c.before, value);
  },
};
