import {
  thrownBy,
  type AutomationsApi,
  type CreateOptions,
  type Engine,
  type EngineError,
  type PreparedCreate,
} from '@trellis/engine';
import type { AppSpec } from '@trellis/spec';
import {
  newId,
  type IntakeKind,
  type IntakeReason,
  type IntakeStatus,
  type Store,
  type Tx,
} from '@trellis/store';
import type { Locale } from '../http/locale';
import { statusOf } from '../http/engine-result';
import type { Touch } from './capture';
import { openReply, sealReply } from './idempotency';

type IntakeMode = 'merge' | 'create' | 'reject';

export type IntakeInput = {
  kind: IntakeKind;
  source: string;
  entity: string;
  values: Record<string, unknown>;
  mode: IntakeMode;
  touch: Touch;
  ip: string;
  idempotencyKey: string | null;
  /** sha256 of the request body: a key that comes back with another body is refused. */
  fingerprint?: string | null;
  locale: Locale;
  /**
   * The answer to an accepted submission, stored with the log entry inside the same
   * transaction so a replay finds it after a crash. `echoRecord` adds the record's `id` and
   * `status` (accepted or merged) to `body`. Plain data: the input may cross to the intake writer thread.
   */
  reply?: IntakeReply;
  /** The values prepared ahead by the HTTP thread (see `engine.records.prepareCreate`). */
  prepared?: PreparedCreate;
};

type IntakeReply = { status: number; body: Record<string, unknown>; echoRecord?: boolean };

export type IntakeOutcome =
  | {
      ok: true;
      recordId: string;
      merged: boolean;
      reply?: { status: number; body: unknown };
      replayed?: boolean;
    }
  | { ok: false; status: number; error: EngineError; reused?: true };

/** What the intake write path needs: the writer's engine, store and automations. */
export type IntakeDeps = {
  engine: Pick<Engine, 'records' | 'activities' | 'liveSpec'>;
  store: Pick<Store, 'transaction' | 'intakeLog' | 'idempotency' | 'transient'>;
  now(): number;
  automations?: Pick<AutomationsApi, 'emit'> | undefined;
};

function answer(
  reply: IntakeReply,
  recordId: string,
  merged: boolean,
): { status: number; body: unknown } {
  return {
    status: reply.status,
    body: reply.echoRecord
      ? { ...reply.body, id: recordId, status: merged ? 'merged' : 'accepted' }
      : reply.body,
  };
}

/** How intake calls the engine's create: as a public actor, with the submission's touch. */
export function intakeCreateOptions(input: IntakeInput): CreateOptions {
  const t = input.touch;
  const touch = {
    kind: input.kind,
    sourceKey: input.source,
    ...(t.utm_source ? { utmSource: t.utm_source } : {}),
    ...(t.utm_medium ? { utmMedium: t.utm_medium } : {}),
    ...(t.utm_campaign ? { utmCampaign: t.utm_campaign } : {}),
    ...(t.utm_content ? { utmContent: t.utm_content } : {}),
    ...(t.utm_term ? { utmTerm: t.utm_term } : {}),
    ...(t.referrer ? { referrer: t.referrer } : {}),
    ...(t.landing_url ? { landingUrl: t.landing_url } : {}),
  };
  return {
    actor: { kind: 'public', locale: input.locale },
    via: 'intake',
    locale: input.locale,
    // 'reject' is the engine's interactive mode: a duplicate is refused, never merged.
    mode: input.mode === 'reject' ? 'interactive' : input.mode,
    touch,
  };
}

/** The activity type a repeat submission is logged as: `form-submission`, else `note`, else the first one. */
function resubmissionType(spec: AppSpec | null): string | null {
  const types = spec?.activityTypes ?? [];
  return (
    (
      types.find((t) => t.key === 'form-submission') ??
      types.find((t) => t.key === 'note') ??
      types[0]
    )?.key ?? null
  );
}

/** One intake log entry (accepted or not), for `store.intakeLog.append`. */
function logEntry(
  input: Pick<IntakeInput, 'kind' | 'source' | 'ip' | 'idempotencyKey'>,
  entry: { status: IntakeStatus; httpStatus: number; reasons?: IntakeReason[]; recordId?: string },
  at: number,
) {
  return {
    id: newId(),
    kind: input.kind,
    sourceKey: input.source,
    status: entry.status,
    httpStatus: entry.httpStatus,
    reasons: entry.reasons ?? null,
    recordId: entry.recordId ?? null,
    ip: input.ip,
    idempotencyKey: input.idempotencyKey,
    at,
  };
}

/** Appends an intake log entry that is not an accepted submission (rejected, unauthorized, rate limited). */
export async function appendLog(
  store: Pick<Store, 'intakeLog'>,
  entry: Pick<IntakeInput, 'kind' | 'source' | 'ip'> & {
    idempotencyKey?: string | null;
    status: IntakeStatus;
    httpStatus: number;
    reasons?: IntakeReason[];
  },
  at: number,
): Promise<void> {
  await store.intakeLog.append(
    logEntry({ ...entry, idempotencyKey: entry.idempotencyKey ?? null }, entry, at),
  );
}

/**
 * The shared tail of form and webhook intake, in one transaction (the store commits the
 * submissions that arrive together in one group): the engine's one write path as a public actor
 * (validate, normalize, identity merge, touch, outbox event), an activity when the submission
 * merged into an existing record, the intake log entry and the idempotency reply. The record is
 * durable before anything is acknowledged.
 */
export async function writeIntake(ctx: IntakeDeps, input: IntakeInput): Promise<IntakeOutcome> {
  let at = ctx.now();
  const spec = await ctx.engine.liveSpec();
  let refused: EngineError | null = null;
  const outcome = await ctx.store
    .transaction(async (tx): Promise<IntakeOutcome> => {
      at = ctx.now();
      // Checked again inside the transaction: a concurrent twin may have finished while this body was read.
      if (input.idempotencyKey) await tx.idempotency.hold(input.idempotencyKey);
      const stored = input.idempotencyKey ? await tx.idempotency.get(input.idempotencyKey) : null;
      const earlier = stored ? openReply(stored, input.fingerprint) : null;
      if (earlier === 'reused') return { ok: false, status: 422, error: reusedKey(), reused: true };
      if (earlier) return { ok: true, recordId: '', merged: false, reply: earlier, replayed: true };
      const result = await ctx.engine.records.create(input.entity, input.values, {
        ...intakeCreateOptions(input),
        ...(input.prepared ? { prepared: input.prepared } : {}),
        tx,
      });
      // A deadlock or lock timeout in the write: thrown again, so the store runs the whole
      // submission again (PostgreSQL retries a deadlock) or the catch below answers 503.
      const thrown = result.ok ? undefined : thrownBy(result);
      if (!result.ok && result.error.code === 'unavailable' && thrown !== undefined) {
        refused = result.error;
        throw thrown;
      }
      if (!result.ok)
        return {
          ok: false,
          status: statusOf(result.error) === 404 ? 422 : statusOf(result.error),
          error: result.error,
        };
      const recordId = String(result.record.id);
      const merged = result.merged === true;
      if (merged) await logResubmission(ctx, tx, spec, input, recordId, result.changed ?? []);
      // Same transaction as the record: the event is exactly as durable as the submission.
      await ctx.automations?.emit(
        {
          type: input.kind === 'form' ? 'form.submitted' : 'webhook.received',
          entity: input.entity,
          recordId,
          via: 'intake',
          payload:
            input.kind === 'form'
              ? { form: input.source, merged }
              : { source: input.source, merged },
        },
        tx,
      );
      await tx.intakeLog.append(
        logEntry(input, { status: merged ? 'merged' : 'accepted', httpStatus: 201, recordId }, at),
      );
      const reply = input.reply ? answer(input.reply, recordId, merged) : undefined;
      if (reply && input.idempotencyKey)
        await tx.idempotency.put(
          input.idempotencyKey,
          input.kind,
          { status: reply.status, body: sealReply(reply.body, input.fingerprint) },
          at,
        );
      return { ok: true, recordId, merged, ...(reply ? { reply } : {}) };
    })
    .catch((e: unknown): IntakeOutcome => {
      // Nothing of the submission was committed; it is logged as refused (503: try again).
      if (!ctx.store.transient(e)) throw e;
      const message = e instanceof Error ? e.message : String(e);
      return {
        ok: false,
        status: 503,
        error: refused ?? { code: 'unavailable', message, errors: [] },
      };
    });
  if (!outcome.ok) {
    const reasons: IntakeReason[] = (outcome.error.errors ?? []).map((e) => ({
      path: e.path,
      code: e.code,
      message: e.message,
    }));
    if (reasons.length === 0)
      reasons.push({ path: '', code: outcome.error.code, message: outcome.error.message });
    await ctx.store.intakeLog.append(
      logEntry(input, { status: 'rejected', httpStatus: outcome.status, reasons }, at),
    );
  }
  return outcome;
}

/** A repeat submission is logged on the record as an activity (who came back, through what). */
async function logResubmission(
  ctx: IntakeDeps,
  tx: Tx,
  spec: AppSpec | null,
  input: IntakeInput,
  recordId: string,
  changed: string[],
): Promise<void> {
  const type = resubmissionType(spec);
  if (!type) return;
  const t = input.touch;
  const utm = [t.utm_source, t.utm_medium, t.utm_campaign].filter(Boolean).join(' / ');
  await ctx.engine.activities.log(
    input.entity,
    recordId,
    {
      type,
      body: `${input.kind === 'form' ? '再次提交表单' : '再次推送'} ${input.source}${utm ? `（${utm}）` : ''}`,
      meta: { intake: input.kind, source: input.source, changed },
    },
    { actor: { kind: 'system' }, via: 'intake', locale: input.locale, tx },
  );
}

// The route answers `idempotency_key_reused` naming the key (see ./idempotency keyReused).
function reusedKey(): EngineError {
  return {
    code: 'invalid_input',
    message: 'Idempotency-Key reused with a different body',
    errors: [
      {
        path: '/Idempotency-Key',
        code: 'idempotency_key_reused',
        message: 'Idempotency-Key reused with a different body',
      },
    ],
  };
}
