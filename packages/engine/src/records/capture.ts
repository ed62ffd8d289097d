import type { FieldSpec, FormSpec } from '@trellis/spec';
import { pointer, type FieldError } from '../i18n/errors';
import { isEmptyValue } from '@trellis/rules';
import type { Call } from './call';
import type { TouchInput } from './types';

const TOUCH_KEYS: Record<string, keyof TouchInput> = {
  utm_source: 'utmSource',
  utm_medium: 'utmMedium',
  utm_campaign: 'utmCampaign',
  utm_content: 'utmContent',
  utm_term: 'utmTerm',
  referrer: 'referrer',
  landing_url: 'landingUrl',
};

/**
 * A form submission's values after intake: `values` with the captured parameters and the form's
 * defaults, `fields` the fields a captured parameter filled, `base` the same without them (used
 * when the field refuses what the link carried).
 */
export type Captured = { values: unknown; fields: string[]; base: unknown };

/**
 * What a public form adds to a submission, in this order of precedence: what the visitor
 * entered, then the form's `captureInto` (e.g. `{ "utm_campaign": "campaignCode",
 * "utm_source": "source" }`: the captured parameter of the touch; a select field takes the option
 * whose value or alias matches), then the form's `defaults`. So a visitor who came through
 * `utm_source=douyin` is a Douyin lead even on the website form whose default source is the
 * website. The touch names the form (`kind: 'form'`, `sourceKey`); other writes are unchanged.
 */
export function withCaptured(call: Call, values: unknown, touch: TouchInput | undefined): Captured {
  const none = { values, fields: [], base: values };
  if (touch?.kind !== 'form' || typeof values !== 'object' || values === null) return none;
  if (Array.isArray(values)) return none;
  const form = (call.live.model.spec.forms ?? []).find(
    (f) => f.key === touch.sourceKey && f.entity === call.model.key,
  );
  if (!form) return none;
  const given = values as Record<string, unknown>;
  const out: Record<string, unknown> = { ...given };
  const fields: string[] = [];
  for (const [param, field] of Object.entries(form.captureInto ?? {})) {
    const prop = TOUCH_KEYS[param];
    const raw = prop ? touch[prop] : undefined;
    if (typeof field !== 'string' || typeof raw !== 'string' || raw.trim() === '') continue;
    if (!isEmptyValue(out[field])) continue;
    const value = capturedValue(call.model.fields.get(field), raw.trim());
    if (value === null) continue;
    out[field] = value;
    fields.push(field);
  }
  return { values: withDefaults(form, out), fields, base: withDefaults(form, { ...given }) };
}

function withDefaults(form: FormSpec, values: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(form.defaults ?? {}))
    if (isEmptyValue(values[key])) values[key] = value;
  return values;
}

type SelectField = Extract<FieldSpec, { type: 'select' }>;

/** Per select field of a spec: its options' values and aliases, lower-cased, to the option's value. */
const optionIndex = new WeakMap<SelectField, Map<string, string>>();

/**
 * The option of `field` a lower-cased text names, by value or alias; the first such option (in
 * the field's order) when several do, archived ones left out. Built once per field of a spec:
 * lower-casing every value and alias of the field for each submission was ~3 % of the HTTP
 * thread's CPU on the education template's source field (7 options, 25 aliases).
 */
function optionNamed(field: SelectField, wanted: string): string | undefined {
  let index = optionIndex.get(field);
  if (!index) {
    index = new Map();
    for (const o of field.options) {
      if (o.archived) continue;
      for (const name of [o.value, ...(o.aliases ?? [])]) {
        const key = name.toLowerCase();
        if (!index.has(key)) index.set(key, o.value);
      }
    }
    optionIndex.set(field, index);
  }
  return index.get(wanted);
}

/** The value a captured parameter gives `field`: text as is; for a select, the matching option. */
function capturedValue(field: FieldSpec | undefined, raw: string): string | null {
  if (field?.type !== 'select') return raw;
  return optionNamed(field, raw.toLowerCase()) ?? null;
}

/** Does any problem concern a captured field? (Such a value is dropped, not the submission.) */
export function capturedRefused(errors: readonly FieldError[], fields: readonly string[]): boolean {
  return errors.some((e) =>
    fields.some((f) => e.path === pointer(f) || e.path.startsWith(`${pointer(f)}/`)),
  );
}
