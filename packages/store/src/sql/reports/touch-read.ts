import type { SqlDialectName } from '@trellis/logic';
import type { AggregateQuery, AggregateRow, TimeRange } from '../../api/reports';
import type { EntityTableInfo } from '../../entity/entity-table';
import type { StoreLocale, StoreResult } from '../../messages';
import { fromNum, fromNumOrNull, type SqlExec } from '../exec';
import { conjuncts, createdBound, groupCondition } from './cohort';
import { cmpKeys } from './cohort-read';
import { monthStart } from './cohort-spans';
import { param, type Where } from './scope';
import { TOUCH_FIELDS, TOUCH_PENDING, TOUCH_UTM, touchFields } from './touch-sql';

const DAY = 86_400_000;

/** The record fields the groups hold besides the first touch's, by column ('' for none). */
const HELD: Record<string, string> = { teamId: 'team_id', stage: 'stage' };

/** A span of creation times read from the rows (`sign` -1: taken off a month read whole). */
type Window = { from?: number; to?: number; sign: 1 | -1 };

/** The first ms of the UTC month after the one holding `ms`. */
const nextMonth = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};
const monthOfMs = (ms: number) => monthStart(Math.floor(ms / DAY)) * DAY;

/**
 * The whole UTC months [first, last) read from report_touch_months and the windows read from
 * report_touch_rows whose signed sum is [from, to) exactly: at each end the smaller of the partial
 * month's two parts — the part inside added, or the month read whole and the part outside taken
 * off (Q1 in Asia/Shanghai: March whole less its last 8 hours).
 */
function touchSpans(r: TimeRange): { months: TimeRange | null; windows: Window[] } {
  const { from, to } = r;
  if (from !== undefined && to !== undefined && from >= to) return { months: null, windows: [] };
  if (from !== undefined && to !== undefined && monthOfMs(from) === monthOfMs(to)) {
    const [start, end] = [monthOfMs(from), nextMonth(from)];
    if (to - from <= end - start - (to - from))
      return { months: null, windows: [{ from, to, sign: 1 }] };
    return {
      months: { from: start, to: end },
      windows: [
        ...(start < from ? [{ from: start, to: from, sign: -1 as const }] : []),
        { from: to, to: end, sign: -1 },
      ],
    };
  }
  const windows: Window[] = [];
  const months: TimeRange = {};
  if (from !== undefined) {
    const start = monthOfMs(from);
    const next = from === start ? from : nextMonth(from);
    if (next - from <= from - start) {
      months.from = next;
      if (from < next) windows.push({ from, to: next, sign: 1 });
    } else {
      months.from = start;
      windows.push({ from: start, to: from, sign: -1 });
    }
  }
  if (to !== undefined) {
    const start = monthOfMs(to);
    const end = to === start ? to : nextMonth(to);
    if (to - start <= end - to) {
      months.to = start;
      if (start < to) windows.push({ from: start, to, sign: 1 });
    } else {
      months.to = end;
      windows.push({ from: to, to: end, sign: -1 });
    }
  }
  const none = months.from !== undefined && months.to !== undefined && months.from >= months.to;
  return { months: none ? null : months, windows };
}

/** A kept UTM value back as the record's: '' is none, else the value after its '='. */
const decodeUtm = (v: unknown) => (v === '' || v === null ? null : String(v).slice(1));

/**
 * Attribution by first touch answered from report_touch_months (the range's whole months) and
 * report_touch_rows (the rest, by their creation index), or null when the query cannot use them:
 * a key other than the first touch's source, medium, campaign, content, team or stage (one of
 * the first touch's at least), a measure other than a count or a money field's sum, or a
 * condition (scope, filter, a measure's `where`) on anything but team, stage and creation time.
 * The answer is the full query's (test/contract/report-touch-groups.case.ts).
 */
export async function touchAggregate(
  x: SqlExec,
  info: EntityTableInfo,
  q: AggregateQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
): Promise<StoreResult<AggregateRow[]> | null> {
  const keys = q.by ?? [];
  if (keys.length === 0 || keys.some((k) => k.edges)) return null;
  if (!keys.some((k) => k.field in TOUCH_FIELDS)) return null;
  if (keys.some((k) => !(k.field in TOUCH_FIELDS) && !(k.field in HELD))) return null;
  const summed = new Set(q.measures.flatMap((m) => (m.op === 'sum' ? [m.field] : [])));
  if (q.measures.some((m) => m.op !== 'count' && m.op !== 'sum') || summed.size > 1) return null;
  const kept = touchFields(info).map((f) => f.key);
  const field = summed.size ? [...summed][0]! : kept[0]!;
  if (!kept.includes(field)) return null;
  const range: TimeRange = {};
  const rest = conjuncts(q.filter).filter((c) => !createdBound(c, range));
  const cond = (exprs: unknown[]) => groupCondition(info, exprs, q, HELD, 'c', dialect, locale);
  const where = cond([q.scope, rest.length ? { and: rest } : null]);
  if (where === false) return null;
  const own: (Where | null)[] = [];
  for (const m of q.measures) {
    const w = m.where === undefined || m.where === null ? null : cond([m.where]);
    if (w === false) return null;
    own.push(w);
  }

  const params: unknown[] = [];
  const arg = (v: unknown) => {
    params.push(v);
    return param(dialect, v);
  };
  const cols = `team_id, stage, ${TOUCH_UTM.join(', ')}`;
  const { months, windows } = touchSpans(range);
  const branches: string[] = [];
  // SQLite's group changes not yet folded into the groups (touch-sql.ts TOUCH_PENDING), each a
  // month group's signed sums: read with them in the same statement (one snapshot).
  const groupTables =
    dialect === 'sqlite' ? ['report_touch_months', TOUCH_PENDING] : ['report_touch_months'];
  if (months)
    for (const table of groupTables) {
      const conds = [`entity = ${arg(info.entity)}`, `field = ${arg(field)}`];
      if (months.from !== undefined) conds.push(`month >= ${arg(months.from / DAY)}`);
      if (months.to !== undefined) conds.push(`month < ${arg(months.to / DAY)}`);
      branches.push(
        `SELECT ${cols}, records, amount_sum, amount_n FROM ${table} WHERE ${conds.join(' AND ')}`,
      );
    }
  for (const w of windows) {
    const s = w.sign === 1 ? '' : '-';
    const conds = [`entity = ${arg(info.entity)}`, `field = ${arg(field)}`];
    if (w.from !== undefined) conds.push(`created_at >= ${arg(w.from)}`);
    if (w.to !== undefined) conds.push(`created_at < ${arg(w.to)}`);
    branches.push(
      `SELECT ${cols}, ${s}1 AS records, ${s}COALESCE(amount, 0) AS amount_sum,` +
        ` ${s}(CASE WHEN amount IS NULL THEN 0 ELSE 1 END) AS amount_n` +
        ` FROM report_touch_rows WHERE ${conds.join(' AND ')}`,
    );
  }
  if (branches.length === 0) return { ok: true, value: [] };
  const column = (f: string) => `c.${TOUCH_FIELDS[f] ?? HELD[f]}`;
  const select = keys.map((k, i) => `${column(k.field)} AS k${i}`);
  // In the statement's order: the measures' conditions, the branches', the filter's.
  const selectParams: unknown[] = [];
  const measures = q.measures.map((m, i) => {
    const w = own[i];
    const only = (v: string) => {
      if (!w) return v;
      selectParams.push(...w.params);
      return `CASE WHEN ${w.sql} THEN ${v} ELSE 0 END`;
    };
    if (m.op === 'count') return `sum(${only('c.records')}) AS m${i}`;
    // A sum over no amount is null, as the full query's sum of nulls is.
    return `CASE WHEN sum(${only('c.amount_n')}) > 0 THEN sum(${only('c.amount_sum')}) END AS m${i}`;
  });
  if (where) params.push(...where.params);
  const sql =
    `SELECT ${[...select, 'sum(c.records) AS n', ...measures].join(', ')}` +
    ` FROM (${branches.join(' UNION ALL ')}) c${where ? ` WHERE ${where.sql}` : ''}` +
    ` GROUP BY ${keys.map((_, i) => `k${i}`).join(', ')}`;
  const rows = await x.all(sql, [...selectParams, ...params]);
  const decode = (f: string, v: unknown) =>
    f in TOUCH_FIELDS ? decodeUtm(v) : v === '' || v === null ? null : String(v);
  const value = rows
    .filter((r) => fromNum(r.n) !== 0)
    .map((r) => ({
      keys: keys.map((k, i) => decode(k.field, r[`k${i}`])),
      values: q.measures.map((_, i) => fromNumOrNull(r[`m${i}`])),
    }))
    .sort((a, b) => cmpKeys(a.keys, b.keys));
  return { ok: true, value };
}
