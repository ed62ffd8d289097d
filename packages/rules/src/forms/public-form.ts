import type {
  AppSpec,
  EntitySpec,
  FieldSpec,
  FormSpec,
  Locale as SpecLocale,
  RegionInfo,
} from '@trellis/spec';
import type { Locale } from '../types';

/** Field types a public form can show: pickers of records, users and files need an account. */
const PUBLIC_TYPES = new Set<FieldSpec['type']>([
  'text',
  'longtext',
  'email',
  'phone',
  'url',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiselect',
  'region',
  'formula',
]);

// Builder-only properties of a field that a visitor has no use for.
const BUILDER_ONLY = new Set(['description', 'indexed', 'unique']);

/**
 * What an anonymous visitor's page receives: the form's texts and layout, and the definitions
 * of the fields it shows — nothing else of the spec (no other field, entity, option, role,
 * automation or the form's defaults and routing).
 */
export type PublicForm = {
  form: Pick<
    FormSpec,
    'key' | 'entity' | 'label' | 'description' | 'sections' | 'submitLabel' | 'successMessage'
  > & { slug: string; capture: string[]; redirectUrl?: string };
  /** The form's entity reduced to the fields placed on it. */
  entity: Pick<EntitySpec, 'key' | 'label' | 'titleField' | 'fields'>;
  locales: SpecLocale[];
  defaultLocale: SpecLocale;
  /** Spec version the projection was built from (cache key of the validator). */
  version: number | null;
  /** Name of the hidden input bots fill and people do not. */
  honeypot: string;
};

function publicField(field: FieldSpec): FieldSpec {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(field)) if (!BUILDER_ONLY.has(k)) out[k] = v;
  if (field.type === 'select' || field.type === 'multiselect')
    out.options = field.options
      .filter((o) => o.archived !== true)
      .map(({ description: _d, archived: _a, ...o }) => o);
  return out as FieldSpec;
}

/** Keys of the entity fields a public form shows. */
export function publicFieldKeys(form: FormSpec, entity: EntitySpec): string[] {
  const byKey = new Map(entity.fields.map((f) => [f.key, f]));
  const keys = form.sections.flatMap((s) =>
    s.fields.map((p) => (typeof p === 'string' ? p : p.field)),
  );
  return [...new Set(keys)].filter((k) => {
    const f = byKey.get(k);
    return f !== undefined && PUBLIC_TYPES.has(f.type);
  });
}

/** Builds the projection of a public form (see `PublicForm`). */
export function publicFormProjection(
  spec: AppSpec,
  form: FormSpec,
  entity: EntitySpec,
  opts: { version: number | null; honeypot: string },
): PublicForm {
  const shown = new Set(publicFieldKeys(form, entity));
  const sections = form.sections
    .map((s) => ({
      ...s,
      fields: s.fields.filter((p) => shown.has(typeof p === 'string' ? p : p.field)),
    }))
    .filter((s) => s.fields.length > 0);
  const fields = entity.fields.filter((f) => shown.has(f.key)).map(publicField);
  return {
    form: {
      key: form.key,
      entity: entity.key,
      slug: form.slug ?? form.key,
      label: form.label,
      ...(form.description ? { description: form.description } : {}),
      sections,
      ...(form.submitLabel ? { submitLabel: form.submitLabel } : {}),
      ...(form.successMessage ? { successMessage: form.successMessage } : {}),
      ...(form.redirectUrl ? { redirectUrl: form.redirectUrl } : {}),
      capture: [...(form.capture ?? [])],
    },
    entity: {
      key: entity.key,
      label: form.label,
      titleField: shown.has(entity.titleField) ? entity.titleField : (fields[0]?.key ?? ''),
      fields,
    },
    locales: [...spec.locales],
    defaultLocale: spec.defaultLocale,
    version: opts.version,
    honeypot: opts.honeypot,
  };
}

/** The data a public form page starts with (inlined by the server as JSON). */
export type PublicFormPage = PublicForm & {
  /** URL of the form's precompiled validator module. */
  validatorUrl: string;
  /** Where the page POSTs (the page's own URL). */
  submitUrl: string;
  /** Locale chosen from the link (`?lang=`) or the browser; the page can switch. */
  locale: Locale;
  /** The provinces, when a region field is on the form; their cities load on demand. */
  provinces?: RegionInfo[];
};
