/**
 * The education template's data health widget on the bench's leads (BENCH_WIDGETS names it
 * `healthEdu`): its 12 fields, as the template measures them. The bench's lead has four of them
 * (name, phone, source, city); the other eight are copied from the template's lead without
 * `indexed` (the bench's table keeps its indexes) and filled on ~70 % of the leads, each field
 * on its own draws. A kept database loaded before them gets the columns empty at sync; session
 * 23 filled them once by an UPDATE keyed on the lead's number (the same rule, docs in the
 * session's JSON), so before and after builds read the same values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Field = { key: string; type: string; options?: { value: string }[]; indexed?: boolean };
type Widget = { type: string; fields?: string[]; [k: string]: unknown };
type Spec = {
  entities: { key: string; fields: Field[] }[];
  dashboards?: { key: string; widgets: ({ key: string } & Record<string, unknown>)[] }[];
};

const DIR = join(import.meta.dirname, '../../../templates/education/spec');
const read = <T>(file: string, key: string) =>
  (JSON.parse(readFileSync(join(DIR, `${file}.json`), 'utf8')) as Record<string, T>)[key]!;

/** The template's lead data health widget and the lead fields the bench's lead lacks. */
function template(have: Set<string>): { widget: Widget; extra: Field[] } {
  const widget = read<{ widgets: Widget[] }[]>('dashboards', 'dashboards')
    .flatMap((d) => d.widgets)
    .find((w) => w.type === 'dataHealth' && w.entity === 'lead')!;
  const lead = read<{ key: string; fields: Field[] }[]>('entities', 'entities').find(
    (e) => e.key === 'lead',
  )!;
  const extra = lead.fields
    .filter((f) => widget.fields!.includes(f.key) && !have.has(f.key))
    .map(({ indexed: _, ...f }) => f);
  return { widget, extra };
}

/** `spec` with the template's missing lead fields and its widget on the sales dashboard. */
export function withEducationHealth<S extends Spec>(spec: S): S {
  const lead = spec.entities.find((e) => e.key === 'lead')!;
  const { widget, extra } = template(new Set(lead.fields.map((f) => f.key)));
  return {
    ...spec,
    entities: spec.entities.map((e) =>
      e === lead ? { ...e, fields: [...e.fields, ...extra] } : e,
    ),
    dashboards: spec.dashboards!.map((d) =>
      d.key === 'sales' ? { ...d, widgets: [...d.widgets, { ...widget, key: 'healthEdu' }] } : d,
    ),
  };
}

/** The fields `withEducationHealth` adds to `spec`'s lead. */
export function addedFields(spec: Spec): Field[] {
  const lead = spec.entities.find((e) => e.key === 'lead')!;
  return template(new Set(lead.fields.map((f) => f.key))).extra;
}

/** Values of the added fields for one generated lead (~70 % filled each). */
export function educationValues(fields: Field[], next: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (next() >= 0.7) out[f.key] = null;
    else if (f.options) out[f.key] = f.options[Math.floor(next() * f.options.length)]!.value;
    else if (f.type === 'number') out[f.key] = 14 + Math.floor(next() * 40);
    else out[f.key] = `${f.key}${Math.floor(next() * 1e6)}`;
  }
  return out;
}
