import type { AppSpec, DashboardSpec, WidgetSpec } from '@trellis/spec';
import type { ReportRepo, Store } from '@trellis/store';
import type { Capability } from '../permissions/types';
import type { Actor, Clock, Locale, PermissionPort } from '../ports';

/** What the reports module needs from the engine: the store, the live spec, the role model. */
export type ReportDeps = {
  store: Store;
  /** The spec in force (rejects while nothing is published). */
  spec(): Promise<AppSpec>;
  permissions: PermissionPort;
  /** Fields hidden from the actor (never grouped, summed or shown). */
  hiddenFields?(actor: Actor, entity: string): readonly string[];
  /** Role capabilities (viewReports opens dashboards that name no roles). Absent = every role. */
  hasCapability?(actor: Actor, capability: Capability): boolean;
  clock: Clock;
  locale: Locale;
};

/** Who reads a dashboard, for which days (workspace time zone), narrowed to a team or owner. */
export type ReportQuery = {
  /** First day, 'YYYY-MM-DD', inclusive. */
  from?: string;
  /** Last day, 'YYYY-MM-DD', inclusive. */
  to?: string;
  team?: string;
  owner?: string;
  /** IANA time zone the days, weeks and months are cut in. Default Asia/Shanghai. */
  timeZone?: string;
};

export type ReportOptions = { actor: Actor; locale?: Locale };

/** How a number is shown. `ratio` is a fraction (0.25 = 25 %), `days` a duration in days. */
export type Unit = 'count' | 'money' | 'number' | 'ratio' | 'days' | 'multiple';

/**
 * One number and, when it counts or measures records, the JSONLogic filter selecting exactly
 * those records (AND the reader's permission scope, which the list applies itself).
 */
export type Num = { value: number | null; filter?: unknown };

export type ReportColumn = {
  key: string;
  label: string;
  unit: Unit;
  /** The days a column counts when they differ by column (before/after), apart from its label. */
  period?: { from: string | null; to: string | null };
};
export type ReportRow = {
  /** The group's value ('' for records without one), a stage key, a bucket start day… */
  key: string;
  label: string;
  values: Record<string, Num>;
  /**
   * The unit of this row's numbers in the columns of unit `number` (before/after rows: leads,
   * a rate, days); a column with a unit of its own keeps it (the change is a rate).
   */
  unit?: Unit;
  /** Flagged (an attribution row under its LTV/CAC threshold). */
  flag?: boolean;
};

/** The answer of one widget: columns, rows in display order, and the resolved period. */
export type WidgetReport = {
  key: string;
  type: WidgetSpec['type'];
  title: string;
  entity: string | null;
  columns: ReportColumn[];
  rows: ReportRow[];
  /**
   * A leaderboard's records without an owner (the public pool, unrouted leads): not a person, so
   * not among the ranked `rows` nor counted in `limit`; the same numbers as a row, labelled
   * "Unassigned". Absent when the reader sees no such record in the period.
   */
  unowned?: ReportRow;
  period: { from: string | null; to: string | null; previous: { from: string; to: string } | null };
  /** Why the widget has no numbers (the reader may not read its entity…). */
  note?: string;
};

export type DashboardSummary = {
  key: string;
  label: string;
  description: string | null;
  widgets: { key: string; type: WidgetSpec['type']; title: string; span: number }[];
};

export type DashboardReport = DashboardSummary & { widgets: (WidgetReport & { span: number })[] };

/** Everything a widget runner reads: resolved period, base filter, labels, the repo. */
export type WidgetCtx = {
  spec: AppSpec;
  widget: WidgetSpec;
  dashboard: DashboardSpec;
  entity: string;
  repo: ReportRepo;
  store: Store;
  /**
   * Permission scope and `$user` context for every repo call on `entity`: the records list's
   * read scope, handover cooldown included, so each number opens exactly its records.
   */
  scopeOf(entity: string): Promise<
    | {
        scope?: unknown;
        context: { now: number; user?: { id: string; teams: string[]; roles: string[] } };
      }
    | 'none'
  >;
  /** The widget's own filter AND the team / owner narrowing (no period). */
  base: unknown;
  range: Range;
  previous: Range | null;
  timeZone: string;
  locale: Locale;
  now: number;
  hidden: ReadonlySet<string>;
  /**
   * The records whose related record (through single relation `relation` to `target`) the
   * reader may read, or that have none; null when that is every record.
   */
  visibleThrough(relation: string, target: string): unknown;
  /** Whether the reader holds a role capability (monitor…). */
  may(capability: string): boolean;
  /** Label of a field value (select option, user name, stage…), in the reader's locale. */
  label(field: string, value: unknown): Promise<string>;
  text(key: string, params?: Record<string, unknown>): string;
};

/** A half-open range of instants [from, to) plus the days it was given as. */
export type Range = { from?: number; to?: number; fromDay: string | null; toDay: string | null };

export type WidgetRunner = (
  c: WidgetCtx,
) => Promise<Pick<WidgetReport, 'columns' | 'rows' | 'unowned'> & { note?: string }>;
