import type { FormLayout, RecordData } from '@trellis/rules';
import type { FormRuntime } from './runtime';

/**
 * How many fields, in form order, the first screen of a form shows at most when the widget set
 * gives no measure of its rows, or there is no window (server, tests without one): 12 rows of
 * two columns on a laptop. A form renders its first screen when it mounts and the rest in the
 * task after its first frame has painted (`useRestShown`), and a widget set draws the rest only
 * as the screen comes near them (`content-visibility: auto`). On the fields a person sees at
 * once that property would only cost: the browser skips each of them in a first pass, finds it
 * on screen, then styles, lays out and paints again.
 */
export const FIRST_SCREEN_FIELDS = 24;

/** What a widget set tells of its rows, so a form can size its first screen from the window. */
export type RowMeasure = {
  /** Height in px of a row of one-line fields, the gap below included (the smallest such row). */
  rowHeight: number;
  /** From this window width (px) up, a section shows its columns; below it, one column. */
  columnsFrom: number;
};

/**
 * How many fields the first screen holds in a window of `height` × `width`: as many rows as it
 * takes to fill the window from the top (a form placed lower shows fewer, so none is missed),
 * times the widest section's columns at that width (a row taller than `rowHeight`, a title or a
 * field spanning columns only leaves fields to spare). A 900 px tall window holds 12 rows of the
 * desktop set (78 px) and 10 of the light set (92 px); a 390 × 844 phone 10 fields of the light set.
 */
export function firstScreenFields(
  layout: FormLayout,
  rows: RowMeasure | undefined,
  window: { innerHeight: number; innerWidth: number } | null = globalThis.window ?? null,
): number {
  if (!rows || !window || !(window.innerHeight > 0)) return FIRST_SCREEN_FIELDS;
  const columns =
    window.innerWidth >= rows.columnsFrom
      ? Math.max(1, ...layout.sections.map((s) => s.columns))
      : 1;
  return Math.ceil(window.innerHeight / rows.rowHeight) * columns;
}

/**
 * The fields of the first screen: the first `count` fields in form order that show when the
 * form mounts (a field a condition hides, in a hidden section or hidden by the host takes no
 * room, so it does not count), and any hidden ones among them (a condition may show them).
 */
export function firstScreenKeys(
  runtime: Pick<FormRuntime, 'layout' | 'dependencies' | 'stateOf' | 'sectionVisible'>,
  count: number,
  /** The stored record (editing) and the form's values over it. */
  current: RecordData | null,
  values: { get(key: string): unknown; values(): RecordData },
  hidden: ReadonlySet<string>,
): ReadonlySet<string> {
  const { layout } = runtime;
  const keys = new Set<string>();
  const sectionShown = new Map<number, boolean>();
  let shown = 0;
  for (const [key, placement] of layout.byKey) {
    if (shown >= count) break;
    keys.add(key);
    if (hidden.has(key)) continue;
    let section = sectionShown.get(placement.section);
    if (section === undefined) {
      section =
        layout.sections[placement.section]?.visibleIf === undefined ||
        runtime.sectionVisible(placement.section, { ...current, ...values.values() });
      sectionShown.set(placement.section, section);
    }
    if (!section) continue;
    // As the field will render: its state from the values of the fields its rules read.
    const deps = runtime.dependencies.get(key) ?? [];
    const read: RecordData = deps.length > 0 ? { ...current } : (current ?? {});
    for (const d of deps) read[d] = values.get(d);
    if (runtime.stateOf(key, read).visible) shown++;
  }
  return keys;
}
