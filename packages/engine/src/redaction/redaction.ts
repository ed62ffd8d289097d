import type { Activity } from '../activities/types';
import type { FieldError } from '../i18n/errors';
import type { Actor, RecordData } from '../ports';
import type { Runtime } from '../records/runtime';
import type { Task } from '../tasks/types';
import type { TimelineEntry } from '../timeline/types';
import { dropHiddenKeys, quotableValues, withholdInData, withholdText } from './free-text';
import { inReaderLocale } from './localized-texts';
import { maskSpans, spansOf, withoutSpans, type TextSpans } from './text-spans';

/** A notification as a surface shows it (API list, event stream). */
export type NotificationView = {
  title: string;
  body: string | null;
  entity: string | null;
  recordId: string | null;
  payload: unknown;
};

/**
 * The engine's one redaction, for every surface that returns record data: records and lists,
 * search, timeline and history, activities, tasks, notifications, events, exports. It works on
 * data: hidden fields are dropped by key, texts the engine rendered from fields have exactly the
 * quoted fields masked (their spans), and other free text is withheld whole when it contains a
 * hidden value. Serialized JSON is never rewritten.
 */
export type Redaction = {
  /** Fields of the entity hidden from the actor (empty for unknown entities). */
  hiddenFields(actor: Actor, entity: string): ReadonlySet<string>;
  /** A copy of a record without the fields hidden from the actor. */
  record<T extends RecordData>(actor: Actor, entity: string, record: T): T;
  /** Field errors without those about hidden fields (an `unknown_field` echo of the caller's own key stays). */
  errors(actor: Actor, entity: string, errors: FieldError[]): FieldError[];
  notification<T extends NotificationView>(actor: Actor, n: T): Promise<T>;
  task(actor: Actor, task: Task): Promise<Task>;
  activity(actor: Actor, activity: Activity): Promise<Activity>;
  timeline(actor: Actor, entity: string, entries: TimelineEntry[]): Promise<TimelineEntry[]>;
};

const NONE: ReadonlySet<string> = new Set();

/**
 * Builds the redaction over the runtime's permission port and the live spec it read last
 * (`rt.lastLive()`: every engine call and `engine.spec()` read it first).
 */
export function createRedaction(rt: Runtime): Redaction {
  const hiddenFields = (actor: Actor, entity: string): ReadonlySet<string> => {
    const redact = rt.permissions.redact;
    if (!redact) return NONE;
    const model = rt.lastLive()?.model.entity(entity); // none: nothing published yet
    if (!model) return NONE;
    const probe = Object.fromEntries([...model.fields.keys()].map((k) => [k, true]));
    const shown = redact(actor, entity, probe);
    const hidden = Object.keys(probe).filter((k) => !(k in shown));
    return hidden.length === 0 ? NONE : new Set(hidden);
  };

  /** Values of the record's hidden fields, read once per item that has no spans. */
  const secretsOf = async (
    entity: string,
    recordId: string,
    hidden: ReadonlySet<string>,
  ): Promise<string[]> => {
    const spec = rt.lastLive()?.model.spec;
    if (hidden.size === 0 || !spec) return [];
    const record = await rt.store.records(spec).get(entity, recordId, { includeDeleted: true });
    return quotableValues(record, hidden);
  };

  /** Redacts the named free-text properties of an item about a record, using its spans when it has them. */
  const texts = async <T extends Record<string, unknown>>(
    actor: Actor,
    entity: string | null,
    recordId: string | null,
    item: T,
    props: readonly (keyof T & string)[],
    spans: TextSpans | null,
    data: (keyof T & string)[],
  ): Promise<T> => {
    const hidden = entity ? hiddenFields(actor, entity) : NONE;
    if (hidden.size === 0) return item;
    const out: Record<string, unknown> = { ...item };
    if (spans) {
      for (const p of props)
        if (typeof out[p] === 'string') out[p] = maskSpans(out[p], spans[p], hidden);
      for (const d of data) out[d] = dropHiddenKeys(out[d], hidden);
      return out as T;
    }
    const secrets = entity && recordId ? await secretsOf(entity, recordId, hidden) : [];
    for (const p of props)
      if (typeof out[p] === 'string') out[p] = withholdText(out[p] as string, secrets);
    for (const d of data) out[d] = withholdInData(out[d], hidden, secrets);
    return out as T;
  };

  const task = async (actor: Actor, stored: Task): Promise<Task> => {
    // The reader's language first: its spans are the ones that mask (redaction/localized-texts).
    const t = inReaderLocale(stored, 'source', ['title', 'description'], actor.locale);
    const spans = spansOf(t.source);
    const shown = await texts(actor, t.entity, t.recordId, t, ['title', 'description'], spans, [
      'source',
    ]);
    return { ...shown, source: withoutSpans(shown.source) };
  };

  const activity = async (actor: Actor, a: Activity): Promise<Activity> => {
    const shown = await texts(actor, a.entity, a.recordId, a, ['body'], null, ['meta']);
    const hidden = hiddenFields(actor, a.entity);
    const changed = shown.meta?.changed;
    if (!Array.isArray(changed) || hidden.size === 0) return shown;
    return { ...shown, meta: { ...shown.meta, changed: changed.filter((k) => !hidden.has(k)) } };
  };

  return {
    hiddenFields,
    record: (actor, entity, record) => {
      const redact = rt.permissions.redact;
      return redact ? (redact(actor, entity, record) as typeof record) : record;
    },
    errors: (actor, entity, errors) => {
      const hidden = hiddenFields(actor, entity);
      if (hidden.size === 0) return errors;
      return errors.filter((e) => e.code === 'unknown_field' || !hidden.has(topKey(e.path)));
    },
    notification: async (actor, stored) => {
      const n = inReaderLocale(stored, 'payload', ['title', 'body'], actor.locale);
      const spans = spansOf(n.payload);
      const shown = await texts(actor, n.entity, n.recordId, n, ['title', 'body'], spans, [
        'payload',
      ]);
      return { ...shown, payload: withoutSpans(shown.payload) };
    },
    task,
    activity,
    timeline: async (actor, entity, entries) => {
      const hidden = hiddenFields(actor, entity);
      const shown = await Promise.all(
        entries.map(async (e): Promise<TimelineEntry[]> => {
          if (e.kind === 'activity') return [{ ...e, activity: await activity(actor, e.activity) }];
          if (e.kind === 'task') return [{ ...e, task: await task(actor, e.task) }];
          if (hidden.size === 0) return [e];
          if (e.kind === 'handover') return [{ ...e, summary: dropHiddenKeys(e.summary, hidden) }];
          if (!('changes' in e)) return [e];
          const changes = e.changes.filter((ch) => !hidden.has(ch.field));
          return changes.length === 0 && e.kind === 'change' ? [] : [{ ...e, changes }];
        }),
      );
      return shown.flat();
    },
  };
}

/** The top-level key a JSON pointer names (`/phone/0` -> `phone`). */
function topKey(path: string): string {
  return (path.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}
