import { and, isIn } from '../logic';
import type { Num, ReportColumn, ReportRow, WidgetRunner } from '../types';
import { aggregate, DAY_MS, ratio, stagesOf } from './common';

/** Days without a follow-up after which an owned open record is stale, unless the widget says. */
const DEFAULT_DAYS = 7;

type Owner = string;
type Counts = Map<Owner, { n: number; oldest: number | null }>;

const sum = (m: Counts) => [...m.values()].reduce((a, x) => a + x.n, 0);
const earliest = (...xs: (number | null | undefined)[]): number | null => {
  const real = xs.filter((x): x is number => typeof x === 'number');
  return real.length ? Math.min(...real) : null;
};

/**
 * Per owner, now (the period does not apply): the owned records in an open stage, those whose
 * last follow-up (`lastActivityAt`; never followed up: their creation) is `days` or more old,
 * their share, the stale ones never followed up at all, and the days since the oldest follow-up
 * among them. Unowned records belong to nobody's list and are left out.
 */
export const staleFollowUps: WidgetRunner = async (c) => {
  const days = c.widget.days ?? DEFAULT_DAYS;
  const cutoff = c.now - days * DAY_MS;
  const { open } = stagesOf(c);
  const owned = and(
    c.base,
    { '!=': [{ var: 'ownerId' }, null] },
    open.length ? isIn('stage', open) : null,
  );
  const contacted = { '<=': [{ var: 'lastActivityAt' }, cutoff] };
  const never = and(
    { '==': [{ var: 'lastActivityAt' }, null] },
    { '<=': [{ var: 'createdAt' }, cutoff] },
  );
  const stale = and(owned, { or: [contacted, never] });
  // One read of the owned open records: the stale counts and their oldest times are measures
  // of it (each its own `where`), not three queries.
  const read = await aggregate(c, owned, {
    by: [{ field: 'ownerId' }],
    measures: [
      { op: 'count' },
      { op: 'count', where: contacted },
      { op: 'min', field: 'lastActivityAt', where: contacted },
      { op: 'count', where: never },
      { op: 'min', field: 'createdAt', where: never },
    ],
  });
  const counts = (n: number, oldest?: number): Counts =>
    new Map(
      read.map((r) => [
        String(r.keys[0]),
        { n: r.values[n] ?? 0, oldest: oldest === undefined ? null : (r.values[oldest] ?? null) },
      ]),
    );
  const all = counts(0);
  const late = counts(1, 2);
  const untouched = counts(3, 4);
  const row = async (owner: Owner | null): Promise<ReportRow> => {
    const mine = owner === null ? null : { '==': [{ var: 'ownerId' }, owner] };
    const pick = (m: Counts) => (owner === null ? sum(m) : (m.get(owner)?.n ?? 0));
    const n = pick(late) + pick(untouched);
    const since =
      owner === null
        ? earliest(...[...late.values(), ...untouched.values()].map((x) => x.oldest))
        : earliest(late.get(owner)?.oldest, untouched.get(owner)?.oldest);
    const values: Record<string, Num> = {
      stale: { value: n, filter: and(stale, mine) ?? {} },
      open: { value: pick(all), filter: and(owned, mine) ?? {} },
      staleShare: { value: ratio(n, pick(all)) },
      neverContacted: { value: pick(untouched), filter: and(owned, never, mine) ?? {} },
      oldestDays: { value: since === null ? null : (c.now - since) / DAY_MS },
    };
    return {
      key: owner ?? '$total',
      label: owner === null ? c.text('total') : await c.label('ownerId', owner),
      values,
    };
  };
  const owners = [...all.keys()];
  const rows: ReportRow[] = [];
  for (const o of owners) rows.push(await row(o));
  rows.sort(
    (a, b) =>
      (b.values.stale!.value ?? 0) - (a.values.stale!.value ?? 0) || a.label.localeCompare(b.label),
  );
  rows.push(await row(null));
  const columns: ReportColumn[] = [
    { key: 'stale', label: c.text('stale', { days }), unit: 'count' },
    { key: 'open', label: c.text('openOwned'), unit: 'count' },
    { key: 'staleShare', label: c.text('staleShare'), unit: 'ratio' },
    { key: 'neverContacted', label: c.text('neverContacted'), unit: 'count' },
    { key: 'oldestDays', label: c.text('oldestDays'), unit: 'days' },
  ];
  return { columns, rows };
};
