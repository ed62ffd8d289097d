import { getEntity, getField, getPipeline, localize, type AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import type { Locale } from '../ports';

/**
 * Labels of group values in the reader's locale: stages, select options, user names (looked up
 * once per report), anything else as text.
 */
export function labeller(spec: AppSpec, entity: string, store: Store, locale: Locale) {
  const names = new Map<string, Promise<string>>();
  const userName = (id: string) => {
    let p = names.get(id);
    if (!p) names.set(id, (p = store.users.byId(id).then((u) => u?.name ?? id)));
    return p;
  };
  const model = getEntity(spec, entity);
  return async (field: string, value: unknown): Promise<string> => {
    if (value === null || value === undefined) return '';
    if (field === 'stage') {
      const stage = getPipeline(spec, entity)?.stages.find((s) => s.key === value);
      return stage ? localize(stage.label, locale) : String(value);
    }
    if (field === 'ownerId' || field === 'createdBy') return userName(String(value));
    const def = model ? getField(model, field) : undefined;
    if (def?.type === 'user') return userName(String(value));
    if (def && 'options' in def && Array.isArray(def.options)) {
      const opt = (def.options as { value: unknown; label?: unknown }[]).find(
        (o) => o.value === value,
      );
      if (opt?.label) return localize(opt.label as Record<string, string>, locale);
    }
    return String(value);
  };
}
