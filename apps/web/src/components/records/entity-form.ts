import type { AppSpec } from '@trellis/spec';

/**
 * What a signed-in user's create and edit forms of an entity are: its first form that is not a
 * public intake form (the builder's layout), or else every field of the entity.
 */
export function entityFormProps(
  spec: AppSpec,
  entity: string,
): { form: string } | { entity: string } {
  const form = (spec.forms ?? []).find((f) => f.entity === entity && !f.public);
  return form ? { form: form.key } : { entity };
}
