import { createHash } from 'node:crypto';
import {
  createSpecModel,
  formLayout,
  formValueSchema,
  publicFieldKeys,
  publicFormProjection,
  standaloneValidatorModule,
  type EntityModel,
  type FormLayout,
  type PublicForm,
  type SpecModel,
} from '@trellis/rules';
import type { AppSpec, EntitySpec, FormSpec } from '@trellis/spec';

/** Name of the honeypot input rendered invisibly on public forms; people leave it empty. */
export const HONEYPOT = '_hp';

/** Everything the server derives from one public form of one spec version, built once. */
export type LiveForm = {
  form: FormSpec;
  entity: EntitySpec;
  model: EntityModel;
  layout: FormLayout;
  projection: PublicForm;
  /** ES module source of the form's precompiled validator (ajv standalone), built on first use. */
  validator(): { source: string; hash: string };
};

const bySpec = new WeakMap<AppSpec, Map<string, LiveForm | null>>();

/** The public form behind `/f/:form` (slug or key). */
function findPublicForm(spec: AppSpec | null, ref: string): FormSpec | undefined {
  return spec?.forms?.find((f) => f.public === true && (f.slug === ref || f.key === ref));
}

/**
 * The live public form `ref` of `spec`, with its rules model, layout, projection and validator
 * cached for the life of that spec object (a publish brings a new one), or null.
 */
function liveForm(spec: AppSpec | null, ref: string, version: number | null): LiveForm | null {
  if (!spec) return null;
  let forms = bySpec.get(spec);
  if (!forms) bySpec.set(spec, (forms = new Map()));
  const cached = forms.get(ref);
  if (cached !== undefined) return cached;
  const form = findPublicForm(spec, ref);
  const entity = form && spec.entities.find((e) => e.key === form.entity);
  const built = form && entity ? build(spec, form, entity, version) : null;
  // Unknown slugs are not cached: a flood of random paths must not grow the map.
  if (built) forms.set(ref, built);
  return built;
}

/** The live public form `ref` of the spec the engine runs now, or null (also before a publish). */
export async function currentForm(
  engine: { spec(): Promise<SpecModel> },
  ref: string,
): Promise<LiveForm | null> {
  let model: SpecModel;
  try {
    model = await engine.spec();
  } catch {
    return null; // nothing published
  }
  return liveForm(model.spec, ref, model.version);
}

function build(
  spec: AppSpec,
  form: FormSpec,
  entity: EntitySpec,
  version: number | null,
): LiveForm {
  const model = createSpecModel(spec, version).entity(entity.key)!;
  let validator: { source: string; hash: string } | undefined;
  return {
    form,
    entity,
    model,
    layout: formLayout(model, form),
    projection: publicFormProjection(spec, form, entity, { version, honeypot: HONEYPOT }),
    validator() {
      if (!validator) {
        const source = standaloneValidatorModule(
          formValueSchema(entity, publicFieldKeys(form, entity)),
        );
        validator = {
          source,
          hash: createHash('sha256').update(source).digest('hex').slice(0, 16),
        };
      }
      return validator;
    },
  };
}
