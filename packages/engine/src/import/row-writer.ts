import type { AppSpec } from '@trellis/spec';
import type { ImportOutcome, ImportRowResult, Tx } from '@trellis/store';
import type { EntityModel } from '@trellis/rules';
import { isEmptyValue, normalizeFieldValue } from '@trellis/rules';
import type { Engine } from '../engine';
import type { FieldError } from '../i18n/errors';
import type { RecordData } from '../ports';
import type {
  CallOptions,
  PreparedCreate,
  PreparedCreateResult,
  RecordResult,
} from '../records/types';
import { rowInput } from './cell-input';
import type { Column } from './header';
import type { ImportOptions } from './job-options';
import { importMessage } from './messages';
import type { SheetRow } from './types';

/** What one file needs while its rows are written. */
export type RowWriter = {
  engine: Engine;
  spec: AppSpec;
  model: EntityModel;
  options: ImportOptions;
  /** Column name per mapped field (error reports name the column the user knows). */
  columnOf: Map<string, string>;
  /** Identity key -> first file row that had it (duplicates within the file). */
  seen: Map<string, number>;
  /** Keys added to `seen` by the batch in progress (forgotten when its transaction runs again). */
  added: string[];
};

type RowOutcome = Omit<ImportRowResult, 'jobId' | 'cells'>;

/** The writer of one job. */
export function rowWriter(
  engine: Engine,
  spec: AppSpec,
  model: EntityModel,
  options: ImportOptions,
  columns: Column[],
): RowWriter {
  const columnOf = new Map<string, string>();
  for (const [index, field] of Object.entries(options.mapping)) {
    const column = columns.find((c) => c.index === Number(index));
    if (column) columnOf.set(field, column.name);
  }
  return { engine, spec, model, options, columnOf, seen: new Map(), added: [] };
}

function rowErrors(w: RowWriter, errors: FieldError[], fallback: string, code: string) {
  if (errors.length === 0) return [{ column: null, field: null, code, message: fallback }];
  return errors.map((e) => {
    const field = e.path.split('/')[1] ?? null;
    return {
      column: (field && w.columnOf.get(field)) ?? null,
      field: field || null,
      code: e.code,
      message: e.message,
    };
  });
}

function failed(w: RowWriter, row: number, res: Extract<RecordResult, { ok: false }>): RowOutcome {
  return {
    row,
    outcome: 'failed',
    recordId: null,
    errors: rowErrors(w, res.error.errors, res.error.message, res.error.code),
  };
}

function done(row: number, outcome: ImportOutcome, recordId: string | null): RowOutcome {
  return { row, outcome, recordId, errors: [] };
}

const onlyMissing = (errors: FieldError[]): boolean =>
  errors.length > 0 && errors.every((e) => e.code === 'required' || e.code === 'requiredIf');

// Identity values normalized as the write path stores them ("138 0013 8000" = "+8613800138000").
// `normalized`: the row as the write path prepared it (no phone is parsed twice).
function identityKeysOf(model: EntityModel, input: RecordData, normalized: boolean): string[] {
  const keys: string[] = [];
  for (const fields of model.identity) {
    const values = fields.map((f) => {
      const field = model.fields.get(f);
      return field && !normalized
        ? normalizeFieldValue(field, input[f], model.env).value
        : input[f];
    });
    if (values.some(isEmptyValue)) continue;
    keys.push(`${fields.join('+')}\u0000${JSON.stringify(values)}`);
  }
  return keys;
}

type Pending = {
  index: number;
  row: SheetRow;
  values: RecordData;
  prepared: PreparedCreate | null;
};

function callOf(w: RowWriter, tx: Tx | undefined): CallOptions {
  const { options } = w;
  return {
    actor: options.actor,
    via: 'import',
    locale: options.locale,
    ...(tx ? { tx } : {}),
    ...(options.automations ? {} : { automations: false }),
  };
}

/** A batch's rows as record input, normalized and validated: the part that needs no transaction. */
export type PreparedRows = { inputs: RecordData[]; preps: PreparedCreateResult[] };

/**
 * Maps, normalizes and validates the rows of a batch outside any transaction, so the next batch
 * is prepared while the database writes the one before (PostgreSQL works on it meanwhile).
 */
export async function prepareRows(w: RowWriter, rows: SheetRow[]): Promise<PreparedRows> {
  const { engine, model, options } = w;
  const inputs = rows.map((r) =>
    rowInput(r.cells, options.mapping, model.entity, options.values, options.timeZone),
  );
  const preps = await engine.records.prepareCreateMany(model.key, inputs, callOf(w, undefined));
  return { inputs, preps };
}

/**
 * Writes the rows of one batch through the one write path (as the importing user, in the
 * batch's transaction) and says what happened to each in the job's language. New records are
 * created together (`engine.records.createMany`: multi-row writes); a row that updates a
 * stored record is written alone, after the rows before it. `ready`: the rows as
 * `prepareRows` left them (prepared again here when not given).
 */
export async function writeRows(
  w: RowWriter,
  tx: Tx,
  rows: SheetRow[],
  ready?: PreparedRows,
): Promise<RowOutcome[]> {
  const { engine, model, options } = w;
  const entity = model.key;
  const call = callOf(w, tx);
  const { inputs, preps } = ready ?? (await prepareRows(w, rows));
  const out: RowOutcome[] = new Array<RowOutcome>(rows.length);
  let pending: Pending[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const results = await engine.records.createMany(
      entity,
      batch.map((p) => ({ values: p.values, prepared: p.prepared })),
      call,
    );
    for (const [i, p] of batch.entries())
      out[p.index] = await afterCreate(w, call, p.row.row, p.values, results[i]!);
  };
  for (const [i, row] of rows.entries()) {
    const values = inputs[i]!;
    const prep = preps[i]!;
    if (!prep.ok) {
      out[i] = failed(w, row.row, prep);
      continue;
    }
    const next = prep.prepared?.next ?? values;
    // An update file may leave out required fields the stored record has (only phone + course).
    if (options.dedupe === 'update' && prep.prepared && onlyMissing(prep.prepared.errors)) {
      // It may update a record a row before it creates: those are written first.
      await flush();
      const [match] = await tx.records(w.spec).findByIdentity(entity, next);
      if (match) {
        const id = String(match.record.id);
        const updated = await engine.records.update(entity, id, values, call);
        out[i] = updated.ok ? done(row.row, 'updated', id) : failed(w, row.row, updated);
        continue;
      }
    }
    const keys = prep.prepared
      ? identityKeysOf(model, prep.prepared.next, true)
      : identityKeysOf(model, values, false);
    const earlier = keys.map((k) => w.seen.get(k)).find((r) => r !== undefined);
    if (earlier !== undefined && options.dedupe !== 'update') {
      const message = importMessage('sameAsRow', options.locale, { row: earlier });
      out[i] = {
        row: row.row,
        outcome: options.dedupe === 'skip' ? 'skipped' : 'failed',
        recordId: null,
        errors: [{ column: null, field: null, code: 'duplicate_in_file', message }],
      };
      continue;
    }
    for (const k of keys)
      if (!w.seen.has(k)) {
        w.seen.set(k, row.row);
        w.added.push(k);
      }
    pending.push({ index: i, row, values, prepared: prep.prepared });
  }
  await flush();
  return out;
}

/** What a row's create came to: created, or a duplicate skipped, updated or refused. */
async function afterCreate(
  w: RowWriter,
  call: CallOptions,
  row: number,
  values: RecordData,
  created: RecordResult,
): Promise<RowOutcome> {
  const { engine, model, options } = w;
  if (created.ok) return done(row, 'created', created.record.id);
  const existingId = created.error.details?.existingId;
  if (created.error.code !== 'duplicate' || options.dedupe === 'create')
    return failed(w, row, created);
  if (options.dedupe === 'skip') {
    return {
      ...done(row, 'skipped', typeof existingId === 'string' ? existingId : null),
      errors: rowErrors(w, created.error.errors, created.error.message, 'duplicate'),
    };
  }
  if (typeof existingId !== 'string') return failed(w, row, created);
  const updated = await engine.records.update(model.key, existingId, values, call);
  return updated.ok ? done(row, 'updated', existingId) : failed(w, row, updated);
}
