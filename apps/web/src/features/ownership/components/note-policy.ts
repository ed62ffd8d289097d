import type { EntitySpec } from '@trellis/spec';
import type { HandoverNote } from '../api/ownership';

/** What the "protocol" note asks for (seed 003 §3): 3 key needs, 2 risks, 1 open item. */
export const PROTOCOL = { needs: 3, risks: 2, open: 1 } as const;
type NotePart = keyof typeof PROTOCOL;
export const NOTE_PARTS = Object.keys(PROTOCOL) as NotePart[];

export type NoteRule = 'none' | 'optional' | 'protocol';

/** The note an entity's handover asks for (spec: entity.handover.note, default optional). */
export function noteRule(entity: EntitySpec): NoteRule {
  return entity.handover?.note ?? 'optional';
}

const STRICTNESS: Record<NoteRule, number> = { none: 0, optional: 1, protocol: 2 };

/**
 * The note one handover of records of several entities needs (a rep leaving): the strictest
 * rule among the owned entities, so the one note satisfies every entity of the plan.
 */
export function strictestRule(entities: readonly EntitySpec[]): NoteRule {
  return entities
    .filter((e) => e.owned !== false)
    .map(noteRule)
    .reduce<NoteRule>((a, b) => (STRICTNESS[b] > STRICTNESS[a] ? b : a), 'none');
}

/** The form's values as the API's note: empty lines dropped, nothing when nothing was written. */
export function toNote(values: {
  needs?: (string | undefined)[];
  risks?: (string | undefined)[];
  open?: (string | undefined)[];
  text?: string;
}): HandoverNote | undefined {
  const note: HandoverNote = {};
  for (const part of NOTE_PARTS) {
    const items = (values[part] ?? []).map((s) => (s ?? '').trim()).filter((s) => s !== '');
    if (items.length > 0) note[part] = items;
  }
  const text = values.text?.trim();
  if (text) note.text = text;
  return Object.keys(note).length > 0 ? note : undefined;
}
