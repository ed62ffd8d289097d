import { parseDuration } from '@trellis/logic';
import type { FormSpec } from '../../schema/index';
import type { Ctx } from '../context';
import { ptr, requireEntity, requireField } from '../context';
import { checkLogic } from '../logic';
import { checkValue } from '../values';

/** Forms: entity and field references, conditions, defaults, public slugs and required coverage. */
export function checkForms(ctx: Ctx): void {
  const slugs = new Map<string, string>();
  (ctx.spec.forms ?? []).forEach((form, i) => {
    const base = ptr('/forms', i);
    if (form.public === true) {
      if (form.slug === undefined) ctx.report(base, 'form.slugMissing');
    }
    if (form.alertAfter !== undefined && parseDuration(form.alertAfter) === null)
      ctx.report(ptr(base, 'alertAfter'), 'duration.invalid', { value: form.alertAfter });
    if (form.slug !== undefined) {
      const other = slugs.get(form.slug);
      if (other !== undefined)
        ctx.report(ptr(base, 'slug'), 'form.slugDuplicate', { slug: form.slug, other });
      else slugs.set(form.slug, form.key);
    }
    if (!requireEntity(ctx, form.entity, ptr(base, 'entity'))) return;
    const placed = checkSections(ctx, form, base);
    for (const [key, value] of Object.entries(form.defaults ?? {})) {
      checkValue(
        ctx,
        form.entity,
        key,
        value,
        ptr(base, 'defaults', key),
        ptr(base, 'defaults', key),
      );
    }
    checkCaptureInto(ctx, form, base);
    if (form.public === true) checkRequiredCoverage(ctx, form, base, placed);
  });
}

// Captured parameters are free text from a link: text-like fields hold them as they are, a select
// field takes the option whose value or alias matches (utm_source=dy -> the Douyin channel).
const CAPTURE_TARGET_TYPES = new Set(['text', 'longtext', 'url', 'select']);

/** `captureInto`: each parameter is captured by the form and lands in a text field of its entity. */
function checkCaptureInto(ctx: Ctx, form: FormSpec, base: string): void {
  for (const [param, key] of Object.entries(form.captureInto ?? {})) {
    if (typeof key !== 'string') continue;
    const path = ptr(base, 'captureInto', param);
    if (!(form.capture ?? []).some((c) => c === param))
      ctx.report(path, 'form.captureIntoNotCaptured', { param });
    const field = requireField(ctx, form.entity, key, path);
    if (field && !CAPTURE_TARGET_TYPES.has(field.type))
      ctx.report(path, 'form.captureIntoType', { param, key, type: field.type });
  }
}

function checkSections(ctx: Ctx, form: FormSpec, base: string): Set<string> {
  const placed = new Set<string>();
  form.sections.forEach((section, s) => {
    const sectionPath = ptr(base, 'sections', s);
    checkLogic(ctx, section.visibleIf, ptr(sectionPath, 'visibleIf'), form.entity);
    section.fields.forEach((item, k) => {
      const itemPath = ptr(sectionPath, 'fields', k);
      const key = typeof item === 'string' ? item : item.field;
      const keyPath = typeof item === 'string' ? itemPath : ptr(itemPath, 'field');
      if (placed.has(key)) ctx.report(keyPath, 'form.duplicateField', { key });
      placed.add(key);
      requireField(ctx, form.entity, key, keyPath);
      if (typeof item !== 'string') {
        checkLogic(ctx, item.visibleIf, ptr(itemPath, 'visibleIf'), form.entity);
        checkLogic(ctx, item.requiredIf, ptr(itemPath, 'requiredIf'), form.entity);
        checkLogic(ctx, item.readOnlyIf, ptr(itemPath, 'readOnlyIf'), form.entity);
      }
    });
  });
  return placed;
}

/** A public form must let people fill every always-required field (or set it by default). */
function checkRequiredCoverage(ctx: Ctx, form: FormSpec, base: string, placed: Set<string>): void {
  for (const field of ctx.fields.get(form.entity)?.values() ?? []) {
    if (field.required !== true || field.type === 'formula' || placed.has(field.key)) continue;
    if (form.defaults && field.key in form.defaults) continue;
    if ('default' in field && field.default !== undefined) continue;
    ctx.report(ptr(base, 'sections'), 'form.missingRequired', { key: field.key });
  }
}
