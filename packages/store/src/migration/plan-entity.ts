import type { SqlType } from '../entity/column-types';
import { columnKind } from '../entity/column-types';
import { entityTable } from '../entity/entity-table';
import type { EntityShape, FieldShape } from '../spec-shape';
import { convertValue, needsConversion } from './convert-value';
import { ask, type Planning } from './planning';
import type { MigrationStep, MigrationWarning, ResolutionKind, WarningCode } from './types';
import { warningMessage } from './warning-messages';

/** Raw column names of the system columns (never archived or converted). */
const SYSTEM_COLUMNS = new Set([
  'rid',
  'id',
  'created_at',
  'updated_at',
  'created_by',
  'owner_id',
  'team_id',
  'stage',
  'stage_entered_at',
  'last_activity_at',
  'sla_due_at',
  'version',
  'deleted_at',
]);

type Out = { steps: MigrationStep[]; warnings: MigrationWarning[] };

type WarnInput = {
  code: WarningCode;
  entity: string;
  field?: string;
  option?: string;
  stage?: string;
  affected: number;
  total: number;
  blocking: boolean;
  resolutions: ResolutionKind[];
  from?: string;
  to?: string;
};

export function warning(w: WarnInput, extra: Partial<MigrationWarning> = {}): MigrationWarning {
  const id = `${w.code}:${w.entity}${w.field ? `.${w.field}` : ''}${w.option !== undefined ? `:${w.option}` : ''}${w.stage ? `@${w.stage}` : ''}`;
  const out: MigrationWarning = {
    id,
    code: w.code,
    entity: w.entity,
    counts: { affected: w.affected, total: w.total },
    message: warningMessage(w.code, {
      entity: w.entity,
      field: w.field,
      option: w.option,
      stage: w.stage,
      affected: w.affected,
      total: w.total,
      from: w.from,
      to: w.to,
    }),
    blocking: w.blocking,
    resolutions: w.resolutions,
    ...extra,
  };
  if (w.field) out.field = w.field;
  if (w.option !== undefined) out.option = w.option;
  if (w.stage) out.stage = w.stage;
  return out;
}

/** When no spec ever described a column, judge it by its storage class alone. */
function pseudoField(key: string, stored: SqlType, next: FieldShape): FieldShape {
  if (columnKind(next).sqlType === stored) return next;
  return { key, type: stored === 'text' ? 'text' : 'number' };
}

/** Plans one entity of the next spec against the table as it is (and the live spec for meaning). */
export function* planEntity(
  entity: EntityShape,
  live: EntityShape | null,
  out: Out,
): Planning<void> {
  const info = entityTable(entity);
  let cols = yield* ask((p) => p.columns(info.table));
  let table = info.table;
  let restored = false;
  if (!cols) {
    const from = (yield* ask((p) => p.archivedTables(entity.key))).at(-1);
    if (!from) {
      out.steps.push({ kind: 'createEntity', entity: entity.key });
      return;
    }
    out.steps.push({ kind: 'restoreEntity', entity: entity.key, from });
    cols = (yield* ask((p) => p.columns(from))) ?? new Map();
    table = from;
    restored = true;
  }
  const total = yield* ask((p) => p.liveRows(table));
  const keys = new Set(entity.fields.map((f) => f.key));
  const touchedSearch = new Set<string>();
  const e = entity.key;

  for (const name of cols.keys()) {
    if (SYSTEM_COLUMNS.has(name) || keys.has(name)) continue;
    const values = yield* ask((p) => p.countNonNull(table, name));
    out.steps.push({ kind: 'archiveField', entity: e, field: name, values });
    touchedSearch.add(name);
    if (values > 0)
      out.warnings.push(
        warning({
          code: 'field_removed',
          entity: e,
          field: name,
          affected: values,
          total,
          blocking: false,
          resolutions: [],
        }),
      );
  }

  for (const field of entity.fields) {
    const kind = columnKind(field);
    const liveField = live?.fields.find((f) => f.key === field.key) ?? null;
    const newlyRequired = field.required === true && liveField?.required !== true;
    const stored = cols.get(field.key);
    // Live records that will have no value and need a decision because the field is required.
    let empty = 0;
    if (stored === undefined) {
      const arch = yield* ask((p) => p.archivedField(e, field.key));
      if (arch && arch.sqlType === kind.sqlType) {
        out.steps.push({
          kind: 'restoreField',
          entity: e,
          field: field.key,
          sqlType: kind.sqlType,
          values: arch.count,
        });
        touchedSearch.add(field.key);
        if (field.required) empty = Math.max(0, total - arch.count);
      } else {
        out.steps.push({ kind: 'addField', entity: e, field: field.key, sqlType: kind.sqlType });
        if (arch)
          out.warnings.push(
            warning({
              code: 'archive_not_restored',
              entity: e,
              field: field.key,
              affected: arch.count,
              total,
              blocking: false,
              resolutions: [],
              from: arch.sqlType,
            }),
          );
        if (field.required) empty = total;
      }
    } else {
      const prev =
        liveField ??
        (yield* ask((p) => p.previousField(e, field.key))) ??
        pseudoField(field.key, stored, field);
      let bad = 0;
      if (stored !== kind.sqlType || needsConversion(prev, field)) {
        bad = yield* planConversion(e, table, prev, field, total, out);
        touchedSearch.add(field.key);
      } else {
        yield* planOptions(e, table, prev, field, total, out);
      }
      if (field.required && (newlyRequired || bad > 0))
        empty = (yield* ask((p) => p.countEmpty(table, field.key))) + bad;
    }
    if (empty > 0) {
      const extra = field.default !== undefined ? { suggestedValue: field.default } : {};
      out.warnings.push(
        warning(
          {
            code: 'required_missing',
            entity: e,
            field: field.key,
            affected: empty,
            total,
            blocking: true,
            resolutions: ['default', 'keepForOld'],
          },
          extra,
        ),
      );
      out.steps.push({ kind: 'fillRequired', entity: e, field: field.key, records: empty });
    }
  }

  yield* planDuplicates(entity, live, info.identity, table, total, out);
  out.steps.push({ kind: 'syncIndexes', entity: e });
  const liveSearch = live ? entityTable(live).searchFields : [];
  const searchChanged =
    liveSearch.join() !== info.searchFields.join() ||
    info.searchFields.some((f) => touchedSearch.has(f)) ||
    liveSearch.some((f) => touchedSearch.has(f));
  if (restored || searchChanged) out.steps.push({ kind: 'rebuildSearch', entity: e });
}

/**
 * A field that becomes unique, or a new identity key, over data that already repeats: unique
 * blocks until the builder accepts the old duplicates; identity only informs (dedupe merges them).
 */
function* planDuplicates(
  entity: EntityShape,
  live: EntityShape | null,
  identity: string[][],
  table: string,
  total: number,
  out: Out,
): Planning<void> {
  if (!live || total < 2) return;
  const existing = (key: string) => live.fields.some((f) => f.key === key);
  for (const f of entity.fields) {
    if (!f.unique || live.fields.find((x) => x.key === f.key)?.unique || !existing(f.key)) continue;
    const affected = yield* ask((p) => p.countDuplicates(table, [f.key]));
    if (affected > 0)
      out.warnings.push(
        warning({
          code: 'unique_duplicates',
          entity: entity.key,
          field: f.key,
          affected,
          total,
          blocking: true,
          resolutions: ['keepForOld'],
        }),
      );
  }
  const before = new Set((live.identity ?? []).map((k) => k.join('+')));
  for (const key of identity) {
    if (before.has(key.join('+')) || !key.every(existing)) continue;
    const affected = yield* ask((p) => p.countDuplicates(table, key));
    if (affected > 0)
      out.warnings.push(
        warning({
          code: 'identity_duplicates',
          entity: entity.key,
          field: key.join('+'),
          affected,
          total,
          blocking: false,
          resolutions: [],
        }),
      );
  }
}

/** Measures a retype: how many stored values do not convert (with a few samples). Returns that count. */
function* planConversion(
  e: string,
  table: string,
  prev: FieldShape,
  field: FieldShape,
  total: number,
  out: Out,
): Planning<number> {
  let bad = 0;
  const samples: unknown[] = [];
  for (const { value } of yield* ask((p) => p.values(table, field.key, prev))) {
    if (convertValue(value, prev, field).ok) continue;
    bad++;
    if (samples.length < 5) samples.push(value);
  }
  out.steps.push({
    kind: 'convertField',
    entity: e,
    field: field.key,
    from: prev,
    to: field,
    unconvertible: bad,
  });
  if (bad > 0) {
    out.warnings.push(
      warning(
        {
          code: 'type_unconvertible',
          entity: e,
          field: field.key,
          affected: bad,
          total,
          blocking: true,
          resolutions: ['convert', 'default'],
          from: prev.type,
          to: field.type,
        },
        { samples },
      ),
    );
  }
  return bad;
}

function* planOptions(
  e: string,
  table: string,
  prev: FieldShape,
  field: FieldShape,
  total: number,
  out: Out,
): Planning<void> {
  if (!prev.options || !field.options || prev.type !== field.type) return;
  const kept = new Set(field.options.map((o) => o.value));
  for (const o of prev.options) {
    if (kept.has(o.value)) continue;
    const records = yield* ask((p) =>
      p.countOption(table, field.key, o.value, field.type === 'multiselect'),
    );
    if (records === 0) continue;
    out.warnings.push(
      warning({
        code: 'option_removed',
        entity: e,
        field: field.key,
        option: o.value,
        affected: records,
        total,
        blocking: true,
        resolutions: ['mapOption', 'keepForOld'],
      }),
    );
    out.steps.push({ kind: 'remapOption', entity: e, field: field.key, option: o.value, records });
  }
}
