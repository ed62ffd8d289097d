import type { AppSpec } from '@trellis/spec';
import type { ImportOutcome, ImportRowResult, Tx } from '@trellis/store';
import type { EntityModel } from '@trellis/rules';
import { isEmptyValue, normalizeFieldValue } from '@trellis/rules';
import type { Engine } from '../engine';
import type { FieldError } from '../i18n/errors';
import type { RecordData } from '../ports';
import type { CallOptions, RecordResult } from '../records/types';
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

/**
 * Writes one row through the one write path (engine.records.create/update as the importing
 * user, in the batch's transaction) and says what happened in the job's language.
 */
export async function writeRow(w: RowWriter, tx: Tx, row: SheetRow): Promise<RowOutcome> {
  const { engine, model, options } = w;
  const entity = model.key;
  const values = rowInput(
    row.cells,
    options.mapping,
    model.entity,
    options.values,
    options.timeZone,
  );
  const call: CallOptions = {
    actor: options.actor,
    via: 'import',
    locale: options.locale,
    tx,
    ...(options.automations ? {} : { automations: false }),
  };
  const prep = await engine.records.prepareCreate(entity, values, call);
  if (!prep.ok) return failed(w, row.row, prep);
  const next = prep.prepared?.next ?? values;
  // An update file may leave out required fields the stored record has (only phone + course).
  if (options.dedupe === 'update' && prep.prepared && onlyMissing(prep.prepared.errors)) {
    const [match] = await tx.records(w.spec).findByIdentity(entity, next);
    if (match) {
      const updated = await engine.records.update(entity, String(match.record.id), values, call);
      return updated.ok
        ? done(row.row, 'updated', String(match.record.id))
        : failed(w, row.row, updated);
    }
  }
  const keys = prep.prepared
    ? identityKeysOf(model, prep.prepared.next, true)
    : identityKeysOf(model, values, false);
  const earlier = keys.map((k) => w.seen.get(k)).find((r) => r !== undefined);
  if (earlier !== undefined && options.dedupe !== 'update') {
    const message = importMessage('sameAsRow', options.locale, { row: earlier });
    return {
      row: row.row,
      outcome: options.dedupe === 'skip' ? 'skipped' : 'failed',
      recordId: null,
      errors: [{ column: null, field: null, code: 'duplicate_in_file', message }],
    };
  }
  for (const k of keys)
    if (!w.seen.has(k)) {
      w.seen.set(k, row.row);
      w.added.push(k);
    }
  const created = await engine.records.create(entity, values, {
    ...call,
    ...(prep.prepared ? { prepared: prep.prepared } : {}),
  });
  if (created.ok) return done(row.row, 'created', created.record.id);
  const existingId = created.error.details?.existingId;
  if (created.error.code !== 'duplicate' || options.dedupe === 'create')
    return failed(w, row.row, created);
  if (options.dedupe === 'skip') {
    return {
      ...done(row.row, 'skipped', typeof existingId === 'string' ? existingId : null),
      errors: rowErrors(w, created.error.errors, created.error.message, 'duplicate'),
    };
  }
  if (typeof existingId !== 'string') return failed(w, row.row, created);
  const updated = await engine.records.update(entity, existingId, values, call);
  return updated.ok ? done(row.row, 'updated', existingId) : failed(w, row.row, updated);
}
