import type { FieldSpec, FormSpec, LocaleMap } from '@trellis/spec';
import type { EntityModel } from '../model/entity-model';

/** A field placed on a form, with the form's texts and conditions resolved. */
export type Placement = {
  key: string;
  field: FieldSpec;
  /** Index of its section in `FormLayout.sections`. */
  section: number;
  label?: LocaleMap;
  help?: LocaleMap;
  placeholder?: LocaleMap;
  visibleIf?: unknown;
  requiredIf?: unknown;
  readOnlyIf?: unknown;
  /** Columns of its section it spans (1-4). */
  span: number;
};

export type LayoutSection = {
  key?: string;
  title?: LocaleMap;
  description?: LocaleMap;
  columns: number;
  visibleIf?: unknown;
  /** Keys of the placements in this section, in order. */
  fields: string[];
};

/** A form resolved against its entity: sections and placements in order, unknown fields left out. */
export type FormLayout = {
  form: FormSpec | null;
  sections: LayoutSection[];
  placements: Placement[];
  byKey: ReadonlyMap<string, Placement>;
};

const has = (v: unknown) => v !== undefined && v !== null;

/**
 * Resolves `form` (a form of the spec) against the entity's model. Without a form, every
 * field of the entity in one section (the record page's default form). Formula fields are
 * placed like others and shown read-only.
 */
export function formLayout(model: EntityModel, form: FormSpec | null): FormLayout {
  const sections: LayoutSection[] = [];
  const placements: Placement[] = [];
  const specSections = form?.sections ?? [{ fields: [...model.fields.keys()] }];
  specSections.forEach((s, index) => {
    const keys: string[] = [];
    for (const item of s.fields) {
      const p = typeof item === 'string' ? { field: item } : item;
      const field = model.fields.get(p.field);
      // validateSpec refuses unknown fields; a stale layout must still render what it can.
      if (!field || keys.includes(p.field)) continue;
      keys.push(p.field);
      placements.push({
        key: p.field,
        field,
        section: index,
        span: 'span' in p && p.span ? p.span : 1,
        ...('label' in p && p.label ? { label: p.label } : {}),
        ...('help' in p && p.help ? { help: p.help } : field.help ? { help: field.help } : {}),
        ...('placeholder' in p && p.placeholder
          ? { placeholder: p.placeholder }
          : field.placeholder
            ? { placeholder: field.placeholder }
            : {}),
        ...('visibleIf' in p && has(p.visibleIf) ? { visibleIf: p.visibleIf } : {}),
        ...('requiredIf' in p && has(p.requiredIf) ? { requiredIf: p.requiredIf } : {}),
        ...('readOnlyIf' in p && has(p.readOnlyIf) ? { readOnlyIf: p.readOnlyIf } : {}),
      });
    }
    sections.push({
      ...('key' in s && s.key ? { key: s.key } : {}),
      ...('title' in s && s.title ? { title: s.title } : {}),
      ...('description' in s && s.description ? { description: s.description } : {}),
      columns: 'columns' in s && s.columns ? s.columns : 1,
      ...('visibleIf' in s && has(s.visibleIf) ? { visibleIf: s.visibleIf } : {}),
      fields: keys,
    });
  });
  return { form, sections, placements, byKey: new Map(placements.map((p) => [p.key, p])) };
}
