import { createFormRuntime, type FormRuntime } from '@trellis/forms';
import {
  createEntityModel,
  createRuleEnv,
  loadStandaloneValidator,
  type PublicFormPage,
} from '@trellis/rules';
import type { EntitySpec, FormSpec } from '@trellis/spec';
import { createPageRegions } from './regions';

/** The form data the server inlined into the page (see the server's page-html). */
export function readPageData(doc: Document): PublicFormPage | null {
  const text = doc.getElementById('trellis-form')?.textContent;
  if (!text) return null;
  try {
    return JSON.parse(text) as PublicFormPage;
  } catch {
    return null;
  }
}

export type LoadedForm = {
  data: PublicFormPage;
  runtime: FormRuntime;
  loadRegions(province: string): Promise<void>;
};

/**
 * Builds the page's form runtime from the inlined projection: the precompiled validator module
 * (ajv standalone, no ajv compiler on the page), the small phone metadata and region data by
 * province. The rules are the same `@trellis/rules` the server runs.
 */
export async function loadForm(data: PublicFormPage): Promise<LoadedForm> {
  const module = (await import(/* @vite-ignore */ data.validatorUrl)) as Parameters<
    typeof loadStandaloneValidator
  >[0];
  const regions = createPageRegions(data.provinces ?? [], data.form.slug);
  const model = createEntityModel(data.entity as EntitySpec, {
    validate: loadStandaloneValidator(module),
    env: createRuleEnv(regions.source()),
  });
  const runtime = createFormRuntime(model, data.form as FormSpec, { via: 'intake' });
  return { data, runtime, loadRegions: regions.load };
}
