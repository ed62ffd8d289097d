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

export type Captured = { values: unknown; fields: string[] };

/**
 * A form's `captureInto` (e.g. `{ "utm_campaign": "campaignCode" }`) applied to a submission:
 * the captured parameter of the touch fills the field when the submission leaves it empty.
 * The touch says which form it came from (`kind: 'form'`, `sourceKey` = form key); other
 * writes are returned unchanged.
 */
export function withCaptured(call: Call, values: unknown, touch: TouchInput | undefined): Captured {
  const none = { values, fields: [] };
  if (touch?.kind !== 'form' || typeof values !== 'object' || values === null) return none;
  if (Array.isArray(values)) return none;
  const form = (call.live.model.spec.forms ?? []).find(
    (f) => f.key === touch.sourceKey && f.entity === call.model.key,
  );
  if (!form?.captureInto) return none;
  const out: Record<string, unknown> = { ...(values as Record<string, unknown>) };
  const fields: string[] = [];
  for (const [param, field] of Object.entries(form.captureInto)) {
    const prop = TOUCH_KEYS[param];
    const value = prop ? touch[prop] : undefined;
    if (typeof field !== 'string' || typeof value !== 'string' || value.trim() === '') continue;
    if (!isEmptyValue(out[field])) continue;
    out[field] = value;
    fields.push(field);
  }
  return { values: out, fields };
}

/** Does any problem concern a captured field? (Such a value is dropped, not the submission.) */
export function capturedRefused(errors: readonly FieldError[], fields: readonly string[]): boolean {
  return errors.some((e) =>
    fields.some((f) => e.path === pointer(f) || e.path.startsWith(`${pointer(f)}/`)),
  );
}
