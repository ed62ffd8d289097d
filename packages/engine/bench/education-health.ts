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

type Field = {
  key: string;
  type: string;
  options?: { value: string }[];
  indexed?: boolean;
  maxLength?: number;
};
type Widget = { type: string; fields?: string[]; [k: string]: unknown };
type Spec = {
  entities: { key: string; fields: Field[] }[];
  dashboards?: { key: string; widgets: ({ key: string } & Record<string, unknown>)[] }[];
};

const DIR = join(import.meta.dirname, '../../../templates/education/spec');
const read = <T>(file: string, key: string) =>
  (JSON.parse(readFileSync(join(DIR, `${file}.json`), 'utf8')) as Record<string, T>)[key]!;

/**
 * The template's lead data health widget, the lead fields the bench's lead lacks, and the
 * template's bound on each it has (text: the template's `maxLength`; 64 characters where the
 * template's field is not text — its city is a region code, the bench's a name). PostgreSQL
 * indexes a widget's fields only when their values are bounded (store health-columns.ts), as
 * the template's are; the bench's lead leaves its name and city unbounded.
 */
function template(have: Map<string, Field>): {
  widget: Widget;
  extra: Field[];
  bounded: Map<string, number>;
} {
  const widget = read<{ widgets: Widget[] }[]>('dashboards', 'dashboards')
    .flatMap((d) => d.widgets)
    .find((w) => w.type === 'dataHealth' && w.entity === 'lead')!;
  const lead = read<{ key: string; fields: Field[] }[]>('entities', 'entities').find(
    (e) => e.key === 'lead',
  )!;
  const measured = lead.fields.filter((f) => widget.fields!.includes(f.key));
  const extra = measured.filter((f) => !have.has(f.key)).map(({ indexed: _, ...f }) => f);
  const bounded = new Map<string, number>();
  for (const f of measured) {
    const own = have.get(f.key);
    if (own?.type === 'text' && own.maxLength === undefined)
      bounded.set(f.key, f.type === 'text' && f.maxLength !== undefined ? f.maxLength : 64);
  }
  return { widget, extra, bounded };
}

/** `spec` with the template's missing lead fields and its widget on the sales dashboard. */
export function withEducationHealth<S extends Spec>(spec: S): S {
  const lead = spec.entities.find((e) => e.key === 'lead')!;
  const { widget, extra, bounded } = template(new Map(lead.fields.map((f) => [f.key, f])));
  const bound = (f: Field) => (bounded.has(f.key) ? { ...f, maxLength: bounded.get(f.key)! } : f);
  return {
    ...spec,
    entities: spec.entities.map((e) =>
      e === lead ? { ...e, fields: [...e.fields.map(bound), ...extra] } : e,
    ),
    dashboards: spec.dashboards!.map((d) =>
      d.key === 'sales' ? { ...d, widgets: [...d.widgets, { ...widget, key: 'healthEdu' }] } : d,
    ),
  };
}

/** The fields `withEducationHealth` adds to `spec`'s lead. */
export function addedFields(spec: Spec): Field[] {
  const lead = spec.entities.find((e) => e.key === 'lead')!;
  return template(new Map(lead.fields.map((f) => [f.key, f]))).extra;
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
