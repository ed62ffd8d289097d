import { builderSections } from '../shell/sections';
import type { TemplatePlan } from './api';

/** One line of a plan's summary: a part of the spec and how many of its items come or change. */
export type PartSummary = { part: string; labelKey: string | null; added: number; changed: number };

/**
 * The template's changes counted per part of the spec ("Automations: 14 new, 2 changed"): an
 * item is new when the change adds it whole (`/automations/x`), changed when something inside
 * it changes. Parts are named by the builder section that edits them.
 */
export function summarise(changes: TemplatePlan['changes']): PartSummary[] {
  const items = new Map<string, Map<string, 'added' | 'changed'>>();
  for (const c of changes) {
    const [, part = '', key = ''] = c.path.split('/');
    const whole = c.path.split('/').length <= 3;
    const byKey = items.get(part) ?? new Map<string, 'added' | 'changed'>();
    items.set(part, byKey);
    if (whole && c.op === 'added') byKey.set(key, 'added');
    else if (!byKey.has(key)) byKey.set(key, 'changed');
  }
  // Parts one section edits together (activity types and quick replies) make one line.
  const lines = new Map<string, PartSummary>();
  for (const [part, byKey] of items) {
    const labelKey = builderSections.find((s) => s.specParts.includes(part))?.labelKey ?? null;
    const line = lines.get(labelKey ?? part) ?? { part, labelKey, added: 0, changed: 0 };
    for (const kind of byKey.values()) line[kind] += 1;
    lines.set(labelKey ?? part, line);
  }
  return [...lines.values()];
}

/** A conflict's path as people read it: `/roles/sales/label/zh-CN` → `roles › sales › label › zh-CN`. */
export function readablePath(path: string): string {
  return path
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
}

/** A value of a conflict in one line (long JSON cut). */
export function shortValue(value: unknown): string | null {
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
