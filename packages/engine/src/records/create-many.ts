import type { FieldSpec } from '@trellis/spec';
import type { HistoryRow, NewOutboxEvent, TransitionRow } from '@trellis/store';
import { fieldLabel, isEmptyValue } from '@trellis/rules';
import { engineError, fieldError, type Failure, type FieldError } from '../i18n/errors';
import { writeOwnerChanges, type OwnerChange } from '../ownership/ledger';
import type { RecordData } from '../ports';
import {
  authorize,
  beginCall,
  callLocale,
  inTransaction,
  isFailure,
  records,
  storeFailure,
  type Call,
} from './call';
import {
  filledFields,
  firstOwner,
  firstTransition,
  newRow,
  prepareValues,
  reusable,
} from './create';
import { duplicate, mayName } from './duplicate';
import { createdRow, event } from './journal';
import { problems, visible } from './outcome';
import { peopleErrors } from './people';
import { relationErrors } from './references';
import type { Runtime } from './runtime';
import { gateErrors } from './stage';
import type { PreparedCreate, RecordResult, WriteOptions } from './types';
import { uniqueErrors } from './unique';

/** One record of a bulk create: its values, maybe prepared ahead (`records.prepareCreate`). */
export type CreateManyItem = { values: unknown; prepared?: PreparedCreate | null };

/** 'create' skips the identity lookup, as `CreateOptions.mode` does (merge is per record only). */
export type CreateManyOptions = WriteOptions & { mode?: 'interactive' | 'create' };

type Ready = { index: number; next: RecordData; changed: string[]; stage: string | null };

/** Identity keys of a record's values (complete keys only), as strings to compare. */
function identityKeys(call: Call, next: RecordData): { fields: readonly string[]; key: string }[] {
  const out: { fields: readonly string[]; key: string }[] = [];
  for (const fields of call.model.identity) {
    const values = fields.map((f) => next[f]);
    if (values.some(isEmptyValue)) continue;
    out.push({ fields, key: `${fields.join('+')}\u0000${JSON.stringify(values)}` });
  }
  return out;
}

/**
 * Creates many records of one entity through the one write path's rules, as `createRecord`
 * would one after another in one transaction — authorize, normalize, validate, stage gate,
 * identity (against the database and the records before it in the list), unique fields,
 * people and relations — but writes the survivors together: one multi-row insert of the
 * records, of their history, ledger, stage and outbox rows (an import batch: thousands of
 * rows per second instead of hundreds). One result per item, in order; a refused item does
 * not stop the others. Aggregates kept by the store hook into `insertMany` and the journals'
 * `appendMany`, which this is the only caller of.
 */
export async function createRecords(
  rt: Runtime,
  entity: string,
  items: readonly CreateManyItem[],
  opts: CreateManyOptions,
): Promise<RecordResult[]> {
  const everyone = (f: Failure) => items.map(() => f);
  try {
    const call = await beginCall(rt, entity, opts);
    if (isFailure(call)) return everyone(call);
    const denied = authorize(call, 'create');
    if (denied) return everyone(denied);
    const out: RecordResult[] = new Array<RecordResult>(items.length);
    const ready: Ready[] = [];
    for (const [index, item] of items.entries()) {
      const p =
        reusable(call, item.prepared ? { prepared: item.prepared } : {}) ??
        prepareValues(call, item.values, opts);
      const requested = typeof p.next.stage === 'string' ? p.next.stage : null;
      const errors = [...p.errors];
      // Starting in the first stage is always allowed; starting later must pass that stage's gate.
      if (requested !== null && requested !== call.model.initialStage)
        errors.push(...(await gateErrors(call, requested, p.next, null)));
      if (errors.length > 0) {
        out[index] = problems(call, errors, requested ?? undefined);
        continue;
      }
      ready.push({
        index,
        next: p.next,
        changed: p.changed,
        stage: requested ?? call.model.initialStage,
      });
    }
    await inTransaction(call, (c) => write(c, ready, out, opts));
    return out;
  } catch (e) {
    return everyone(
      engineError('internal', callLocale(rt, opts), 'internal', {
        detail: e instanceof Error ? e.message : String(e),
      }),
    );
  }
}

/** The transaction of a bulk create: identity and uniqueness checks, then the writes. */
async function write(
  c: Call,
  ready: readonly Ready[],
  out: RecordResult[],
  opts: CreateManyOptions,
): Promise<void> {
  const entity = c.model.key;
  const lookup = c.model.identity.length > 0 && opts.mode !== 'create';
  const matches = lookup
    ? await records(c).findByIdentityMany(
        entity,
        ready.map((r) => r.next),
      )
    : ready.map(() => []);
  // Records earlier in this list, by identity key and by unique value: a later one is refused
  // as it would be had the earlier one been created alone first.
  const earlierKeys = new Map<string, RecordData>();
  const earlierUnique = new Map<string, RecordData>();
  const rows: { index: number; row: RecordData }[] = [];
  for (const [j, r] of ready.entries()) {
    const first = matches[j]![0];
    if (first) {
      out[r.index] = duplicate(c, first.record, first.key);
      continue;
    }
    const keys = identityKeys(c, r.next);
    const same = lookup ? keys.find((k) => earlierKeys.has(k.key)) : undefined;
    if (same) {
      out[r.index] = duplicate(c, earlierKeys.get(same.key)!, same.fields);
      continue;
    }
    const taken = [
      ...(await uniqueErrors(c, r.next, c.model.fields.keys())),
      ...uniqueInList(c, r.next, earlierUnique),
      ...(await relationErrors(c, r.next, c.model.fields.keys())),
      ...(await peopleErrors(c, r.next, r.changed)),
    ];
    if (taken.length > 0) {
      out[r.index] = problems(c, taken);
      continue;
    }
    const row = newRow(c, r.next, r.stage);
    for (const k of keys) earlierKeys.set(k.key, row);
    for (const k of uniqueKeys(c, row)) earlierUnique.set(k, row);
    rows.push({ index: r.index, row });
  }
  if (rows.length === 0) return;
  // The first transitions go in before their records: the records' report rows are then built
  // once with their entered stage (after them, every record's report row was built and then
  // moved again for its transition).
  const transitions: TransitionRow[] = [];
  /** Each row's first transition id, to take back if the store refuses the row. */
  const transitionOf = new Map<RecordData, string>();
  for (const { row } of rows) {
    const transition = firstTransition(c, String(row.id), (row.stage as string | null) ?? null);
    if (!transition) continue;
    transitions.push(transition);
    transitionOf.set(row, transition.id);
  }
  if (transitions.length > 0) await c.db.transitions.appendMany(transitions);
  const stored = await records(c).insertMany(
    entity,
    rows.map((r) => r.row),
    { now: c.now },
  );
  const history: HistoryRow[] = [];
  const owners: OwnerChange[] = [];
  const events: NewOutboxEvent[] = [];
  const takeBack: string[] = [];
  for (const [k, { index, row }] of rows.entries()) {
    const res = stored[k]!;
    if (!res.ok) {
      out[index] = storeFailure(c, res.error, String(row.id));
      const transition = transitionOf.get(row);
      if (transition) takeBack.push(transition);
      continue;
    }
    const record = res.value;
    history.push(createdRow(c, record.id, record, filledFields(c, record)));
    owners.push(firstOwner(c, record));
    events.push(event(c, 'record.created', record.id, { record }, opts.depth ?? 0));
    out[index] = { ok: true, record: visible(c, record) };
  }
  // A record the store refused (an id taken) keeps no transition: its own are taken back by
  // their ids — by record id, they would take the transitions of the record holding that id.
  if (takeBack.length > 0) await c.db.transitions.remove(takeBack);
  if (history.length > 0) await c.db.history.append(history);
  await writeOwnerChanges(c.db, owners);
  if (events.length > 0) await c.db.outbox.appendMany(events);
}

// Per entity model (one per spec version): asked for every record of a batch.
const uniqueOf = new WeakMap<Call['model'], [string, FieldSpec][]>();
function uniqueFields(c: Call): [string, FieldSpec][] {
  let fields = uniqueOf.get(c.model);
  if (!fields) {
    fields = [...c.model.fields].filter(
      ([key, f]) =>
        'unique' in f && f.unique && !c.model.identity.some((k) => k.length === 1 && k[0] === key),
    );
    uniqueOf.set(c.model, fields);
  }
  return fields;
}

function uniqueKeys(c: Call, record: RecordData): string[] {
  return uniqueFields(c)
    .filter(([key]) => !isEmptyValue(record[key]))
    .map(([key]) => `${key}\u0000${JSON.stringify(record[key])}`);
}

/** Unique values an earlier record of the list holds (the database cannot see it yet). */
function uniqueInList(
  c: Call,
  record: RecordData,
  earlier: ReadonlyMap<string, RecordData>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, field] of uniqueFields(c)) {
    if (isEmptyValue(record[key])) continue;
    const other = earlier.get(`${key}\u0000${JSON.stringify(record[key])}`);
    if (!other) continue;
    const label = fieldLabel(field, key, c.locale);
    if (!mayName(c, other)) {
      errors.push(fieldError(c.locale, `/${key}`, 'unique', 'uniqueHidden', { label }));
      continue;
    }
    const title = String(other[c.model.titleField] ?? other.id);
    errors.push(
      fieldError(c.locale, `/${key}`, 'unique', 'unique', {
        label,
        title,
        id: other.id,
        existingId: other.id,
      }),
    );
  }
  return errors;
}
