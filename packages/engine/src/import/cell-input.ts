import type { EntitySpec, FieldSpec } from '@trellis/spec';
import type { ColumnMapping } from './mapping';
import { headerKey } from './mapping';
import { englishRegionCode } from './region-english';
import { MULTI_SEPARATORS } from './value-mapping';
import type { Cell } from './types';

/** Per field, a file's text -> the value to store (a select option's value, true/false …). */
export type ValueMapping = Record<string, Record<string, unknown>>;

const DAY_MS = 86_400_000;
// Excel's day 0 in the 1900 date system is 1899-12-30 (counting its 1900-02-29 bug).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

// Formatters are costly to build (about 50 µs): one per zone, reused for every cell.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// Zone offsets only change on quarter hours (UTC), so one answer serves a whole quarter: a file
// of 100,000 dates asks Intl a few hundred times instead of 200,000 (formatToParts ~10 µs).
const QUARTER_MS = 900_000;
const offsets = new Map<string, number>();

/** The offset (ms) of `timeZone` from UTC at the instant `utcMs`. */
function zoneOffset(utcMs: number, timeZone: string): number {
  const quarter = Math.floor(utcMs / QUARTER_MS);
  const key = `${timeZone}\u0000${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = offsetAt(quarter * QUARTER_MS, timeZone);
    if (offsets.size >= 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function offsetAt(utcMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(utcMs));
  const n = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** A workbook date (its wall time read as UTC) as the instant it means in `timeZone`. */
export function wallTimeToInstant(wall: Date, timeZone: string): number {
  const guess = wall.getTime();
  return guess - zoneOffset(guess - zoneOffset(guess, timeZone), timeZone);
}

function fromSerial(serial: number): Date {
  return new Date(EXCEL_EPOCH + Math.round(serial * DAY_MS));
}

// How spreadsheets in China write dates as text: 2026/3/5 14:30, 2026-03-05 14:30:00, 2026年3月5日 9:05.
const DATE_TEXT =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

function parseDateText(text: string): Date | null {
  const m = DATE_TEXT.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h, mi, se));
  // Refuse 2026/2/31 rather than roll it into March: the write path reports it as invalid.
  return date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d ? date : null;
}

function dateInput(cell: Cell, field: FieldSpec, timeZone: string): unknown {
  if (typeof cell === 'string') {
    const parsed = parseDateText(cell);
    return parsed ? dateInput(parsed, field, timeZone) : cell;
  }
  // A date cell, or a bare Excel serial number in a column mapped to a date field.
  const date =
    cell instanceof Date
      ? cell
      : typeof cell === 'number' && cell > 0 && cell < 2_958_466
        ? fromSerial(cell)
        : null;
  if (!date) return cell;
  return field.type === 'date' ? isoDay(date) : wallTimeToInstant(date, timeZone);
}

function textInput(cell: Cell): unknown {
  if (cell instanceof Date) {
    const iso = cell.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  }
  // Long digit strings (phones, ids) that a spreadsheet stored as numbers stay whole.
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  return cell;
}

const TEXTUAL = new Set<FieldSpec['type']>(['text', 'longtext', 'phone', 'email', 'url', 'region']);

// Per value mapping, its texts by their matching key (built once, not per cell).
const keyed = new WeakMap<Record<string, unknown>, Map<string, unknown>>();

/** The value a person mapped `text` to: exactly, else ignoring case, width and spaces. */
function mapped(values: Record<string, unknown>, text: string): unknown {
  if (Object.hasOwn(values, text)) return values[text];
  let byKey = keyed.get(values);
  if (!byKey) {
    byKey = new Map();
    for (const [k, v] of Object.entries(values))
      if (!byKey.has(headerKey(k))) byKey.set(headerKey(k), v);
    keyed.set(values, byKey);
  }
  return byKey.get(headerKey(text));
}

/**
 * The input value of one cell for a field: blank is "not given" (undefined; an update keeps
 * what is stored), the user's value mapping applies first, workbook dates become the field's
 * date or instant, numbers become text for text-like fields. The write path normalizes and
 * validates the rest.
 */
export function cellInput(
  cell: Cell | undefined,
  field: FieldSpec,
  values: Record<string, unknown> | undefined,
  timeZone: string,
): unknown {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'string' && cell.trim() === '') return undefined;
  if (values && (typeof cell === 'string' || typeof cell === 'number')) {
    const text = String(cell).trim();
    // A multiselect cell ("Python、Java") is mapped part by part, as the wizard lists it.
    if (field.type === 'multiselect') {
      const parts = text.split(MULTI_SEPARATORS).map((p) => p.trim());
      if (parts.length > 1) return parts.filter(Boolean).map((p) => mapped(values, p) ?? p);
    }
    const hit = mapped(values, text);
    if (hit !== undefined) return hit;
  }
  if (field.type === 'date' || field.type === 'datetime') return dateInput(cell, field, timeZone);
  // An English export's region ("Haidian District, Beijing") reads back as its code.
  if (field.type === 'region' && typeof cell === 'string') return englishRegionCode(cell) ?? cell;
  if (TEXTUAL.has(field.type) || field.type === 'select' || field.type === 'multiselect')
    return textInput(cell);
  if (cell instanceof Date) return textInput(cell);
  return cell;
}

/** The record values of one row under a column mapping (fields without a value are left out). */
export function rowInput(
  cells: Cell[],
  mapping: ColumnMapping,
  entity: EntitySpec,
  valueMapping: ValueMapping = {},
  timeZone = 'Asia/Shanghai',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [index, key] of Object.entries(mapping)) {
    const field = entity.fields.find((f) => f.key === key);
    if (!field) continue;
    const value = cellInput(cells[Number(index)], field, valueMapping[key], timeZone);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
