import type {
  AutomationsApi,
  CreateOptions,
  Engine,
  EngineError,
  PreparedCreate,
} from '@trellis/engine';
import type { AppSpec } from '@trellis/spec';
import type { Locale } from '../http/locale';
import { statusOf } from '../http/engine-result';
import type { Touch } from './capture';
import type { GroupCommit } from './group-commit';
import type { IntakeKind, IntakeReason, IntakeStore } from './intake-store';

export type IntakeMode = 'merge' | 'create' | 'reject';

export type IntakeInput = {
  kind: IntakeKind;
  source: string;
  entity: string;
  values: Record<string, unknown>;
  mode: IntakeMode;
  touch: Touch;
  ip: string;
  idempotencyKey: string | null;
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

export type IntakeReply = { status: number; body: Record<string, unknown>; echoRecord?: boolean };

export type IntakeOutcome =
  | {
      ok: true;
      recordId: string;
      merged: boolean;
      reply?: { status: number; body: unknown };
      replayed?: boolean;
    }
  | { ok: false; status: number; error: EngineError };

/** What the intake write path needs: the HTTP thread's server context, or the intake writer thread's own connection. */
export type IntakeDeps = {
  engine: Pick<Engine, 'records' | 'activities'>;
  groupCommit: GroupCommit;
  spec(): AppSpec | null;
  now(): number;
  automations?: Pick<AutomationsApi, 'emit'> | undefined;
};

/** The version of the spec an engine runs, or null before the first publish. */
export function liveSpecVersion(engine: Pick<Engine, 'spec'>): number | null {
  try {
    return engine.spec().version;
  } catch {
    return null;
  }
}

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

/**
 * The shared tail of form and webhook intake, in one transaction (a group commit): the engine's one write path
 * as a public actor (validate, normalize, identity merge, touch, outbox event), an activity
 * when the submission merged into an existing record, the intake log entry and the
 * idempotency reply. The record is durable before anything is acknowledged.
 */
export async function writeIntake(
  ctx: IntakeDeps,
  store: IntakeStore,
  input: IntakeInput,
): Promise<IntakeOutcome> {
  const t = input.touch;
  let at = ctx.now();
  const outcome = await ctx.groupCommit((): IntakeOutcome => {
    at = ctx.now();
    // Checked again inside the transaction: a concurrent twin may have finished while this body was read.
    const earlier = input.idempotencyKey ? store.replay(input.idempotencyKey) : null;
    if (earlier) return { ok: true, recordId: '', merged: false, reply: earlier, replayed: true };
    const result = ctx.engine.records.create(input.entity, input.values, {
      ...intakeCreateOptions(input),
      ...(input.prepared ? { prepared: input.prepared } : {}),
    });
    if (!result.ok)
      return {
        ok: false,
        status: statusOf(result.error) === 404 ? 422 : statusOf(result.error),
        error: result.error,
      };
    const recordId = String(result.record.id);
    const merged = result.merged === true;
    if (merged) {
      const type = resubmissionType(ctx.spec());
      const utm = [t.utm_source, t.utm_medium, t.utm_campaign].filter(Boolean).join(' / ');
      if (type) {
        ctx.engine.activities.log(
          input.entity,
          recordId,
          {
            type,
            body: `${input.kind === 'form' ? '再次提交表单' : '再次推送'} ${input.source}${utm ? `（${utm}）` : ''}`,
            meta: { intake: input.kind, source: input.source, changed: result.changed ?? [] },
          },
          { actor: { kind: 'system' }, via: 'intake', locale: input.locale },
        );
      }
    }
    // Same transaction as the record: the event is exactly as durable as the submission.
    ctx.automations?.emit({
      type: input.kind === 'form' ? 'form.submitted' : 'webhook.received',
      entity: input.entity,
      recordId,
      via: 'intake',
      payload:
        input.kind === 'form' ? { form: input.source, merged } : { source: input.source, merged },
    });
    store.log(
      {
        kind: input.kind,
        source: input.source,
        status: merged ? 'merged' : 'accepted',
        httpStatus: 201,
        recordId,
        ip: input.ip,
        idempotencyKey: input.idempotencyKey,
      },
      at,
    );
    const reply = input.reply ? answer(input.reply, recordId, merged) : undefined;
    if (reply && input.idempotencyKey)
      store.remember(input.idempotencyKey, input.kind, reply.status, reply.body, at);
    return { ok: true, recordId, merged, ...(reply ? { reply } : {}) };
  });
  if (!outcome.ok) {
    const reasons: IntakeReason[] = (outcome.error.errors ?? []).map((e) => ({
      path: e.path,
      code: e.code,
      message: e.message,
    }));
    if (reasons.length === 0)
      reasons.push({ path: '', code: outcome.error.code, message: outcome.error.message });
    store.log(
      {
        kind: input.kind,
        source: input.source,
        status: 'rejected',
        httpStatus: outcome.status,
        reasons,
        ip: input.ip,
        idempotencyKey: input.idempotencyKey,
      },
      at,
    );
  }
  return outcome;
}
