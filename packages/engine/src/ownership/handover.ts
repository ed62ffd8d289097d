import type { Handover, Tx } from '@trellis/store';
import type { EntityModel, FieldError } from '@trellis/rules';
import { localize } from '@trellis/spec';
import { engineError, type Failure } from '../i18n/errors';
import type { Actor, Locale, RecordData } from '../ports';
import type { CallOptions } from '../records/types';
import { inEveryLocale, TEXTS_KEY } from '../redaction/localized-texts';
import { Abort, atomically, failure, localeOf, onBehalf, type OwnershipDeps } from './deps';
import { om, omQuoting } from './messages';
import { cleanNote, noteErrors, type HandoverNote } from './note';
import { handoverRules, type HandoverRules } from './policy';

/**
 * What a handover asks for: who takes over, why, the note; `automation` names the automation
 * that started it (kept in the handover's summary).
 */
export type HandoverInput = {
  to: string;
  reason?: string | null;
  note?: HandoverNote | null;
  automation?: string;
};
export type HandoverBatchResult = { ok: true; handovers: Handover[] } | Failure;
export type HandoverResult = { ok: true; handover: Handover } | Failure;

export type Target = {
  id: string;
  login: string;
  name: string;
  role: string;
  locale: Locale | null;
  teams: string[];
};

/**
 * Hands records over (one or many, all or none): checks the note the entity's rules ask for,
 * opens a handover per record and, unless the new owner must accept first, moves each record at
 * once (see `applyHandover`). Only the owner or someone with `reassign` may hand a record over.
 */
export async function startHandover(
  d: OwnershipDeps,
  entity: string,
  ids: readonly string[],
  input: HandoverInput,
  opts: CallOptions,
): Promise<HandoverBatchResult> {
  const locale = localeOf(opts);
  const model = (await d.spec()).entity(entity);
  if (!model) return engineError('unknown_entity', locale, 'unknownEntity', { entity });
  const rules = rulesFor(handoverRules(model.entity), opts);
  const note = cleanNote(input.note);
  const target = await targetOf(d, input.to);
  const errors = [
    ...(target ? cannotWork(d, target, model, locale) : [toError(locale, input.to)]),
    ...noteErrors(note, automatic(opts) ? { ...rules, note: 'optional' } : rules, locale),
  ];
  if (errors.length > 0 || !target)
    return engineError('validation', locale, 'validation', { count: errors.length }, errors);
  const reason =
    typeof input.reason === 'string' && input.reason.trim() ? input.reason.trim() : null;
  return atomically(d, opts, async (tx) => {
    const out: Handover[] = [];
    for (const id of new Set(ids)) {
      const r = await handOne(
        d,
        tx,
        model,
        rules,
        id,
        target,
        reason,
        note,
        opts,
        input.automation,
      );
      if (!r.ok) throw new Abort(r);
      out.push(r.handover);
    }
    return { ok: true as const, handovers: out };
  });
}

async function handOne(
  d: OwnershipDeps,
  tx: Tx,
  model: EntityModel,
  rules: HandoverRules,
  id: string,
  to: Target,
  reason: string | null,
  note: HandoverNote | null,
  opts: CallOptions,
  automation: string | undefined,
): Promise<HandoverResult> {
  const locale = localeOf(opts);
  const got = await d.records.get(model.key, id, { ...opts, tx });
  if (!got.ok) return got;
  const record = got.record;
  const refused = mayHandOver(d, opts.actor, record, locale);
  if (refused) return refused;
  if (record.ownerId === to.id) return failure('invalid_input', om(locale, 'sameOwner', { id }));
  const now = d.clock.now();
  const handover: Handover = {
    id: d.ids.next(),
    entity: model.key,
    recordId: id,
    fromUserId: (record.ownerId as string | null) ?? null,
    toUserId: to.id,
    reason,
    summary: {
      note,
      by: opts.actor.userId ?? null,
      stage: record.stage ?? null,
      lastActivityAt: record.lastActivityAt ?? null,
      title: titleOf(model, record),
      ...(automation ? { automation } : {}),
    },
    status: 'pending',
    createdAt: now,
    decidedAt: null,
  };
  await tx.handovers.insert(handover);
  if (rules.acknowledge) {
    const { title, quotes } = quotedTitle(model, record);
    const titleParams = { from: await nameOf(d, opts.actor.userId ?? handover.fromUserId), title };
    await tx.notifications.insert({
      id: d.ids.next(),
      userId: to.id,
      kind: 'handover',
      title: om(to.locale ?? locale, 'handoverTitle', titleParams),
      body: reason,
      entity: model.key,
      recordId: id,
      payload: {
        handoverId: handover.id,
        // The reason is the sender's own words; the title is read in the reader's language,
        // the record's title in it masked for a reader who may not see that field.
        [TEXTS_KEY]: inEveryLocale((l) => {
          const r = omQuoting(l, 'handoverTitle', titleParams, quotes);
          return { props: { title: r.text }, spans: { title: r.spans } };
        }),
      },
      createdAt: now,
    });
    return { ok: true, handover };
  }
  return applyHandover(d, tx, model, rules, handover, to, record, opts);
}

/**
 * Completes a handover: the record moves to the new owner through the one write path (ledger
 * kind `handover`, the previous owner reading it for the cooldown), the new owner gets the
 * first-contact task, the handover is marked accepted.
 */
export async function applyHandover(
  d: OwnershipDeps,
  tx: Tx,
  model: EntityModel,
  rules: HandoverRules,
  h: Handover,
  to: Target,
  record: RecordData,
  opts: CallOptions,
): Promise<HandoverResult> {
  const now = d.clock.now();
  const locale = localeOf(opts);
  const team = record.teamId as string | null;
  const patch: RecordData = { ownerId: to.id };
  if (team === null || !to.teams.includes(team)) patch.teamId = to.teams[0] ?? null;
  const moved = await d.records.update(model.key, h.recordId, patch, {
    actor: onBehalf(opts.actor),
    via: opts.via ?? 'ui',
    locale,
    tx,
    version: record.version as number,
    ownership: {
      kind: 'handover',
      reason: h.reason,
      handoverId: h.id,
      readUntil: rules.cooldownMs > 0 && h.fromUserId ? now + rules.cooldownMs : null,
    },
  });
  if (!moved.ok) return moved;
  const carried = await moveOpenTasks(d, tx, h, to.id, locale);
  if (carried) return carried;
  if (rules.contactMs > 0) {
    const { title, quotes } = quotedTitle(model, record);
    const contact = { hours: Math.round(rules.contactMs / 3_600_000), title };
    const task = await d.tasks.create(
      {
        entity: model.key,
        recordId: h.recordId,
        title: om(to.locale ?? locale, 'contactTask', contact),
        assigneeId: to.id,
        dueAt: now + rules.contactMs,
        source: {
          tag: 'handover-contact',
          handoverId: h.id,
          [TEXTS_KEY]: inEveryLocale((l) => {
            const r = omQuoting(l, 'contactTask', contact, quotes);
            return { props: { title: r.text }, spans: { title: r.spans } };
          }),
        },
      },
      { actor: { kind: 'system' }, via: 'system', locale, tx },
    );
    if (!task.ok) return task;
  }
  const decided = await tx.handovers.decide(h.id, 'pending', { status: 'accepted', at: now });
  if (!decided) return failure('conflict', om(locale, 'handoverDecided', { status: '?' }));
  return { ok: true, handover: { ...h, status: 'accepted', decidedAt: now } };
}

/**
 * The previous owner's open tasks on the record go with it (a follow-up call left with someone
 * who no longer owns the customer would be missed); tasks of other people stay theirs.
 */
async function moveOpenTasks(
  d: OwnershipDeps,
  tx: Tx,
  h: Handover,
  toId: string,
  locale: Locale,
): Promise<Failure | null> {
  if (!h.fromUserId) return null;
  const system = { actor: { kind: 'system' as const }, via: 'system' as const, locale, tx };
  const open = await d.tasks.list(
    {
      entity: h.entity,
      recordId: h.recordId,
      assigneeId: h.fromUserId,
      status: 'open',
      limit: 1000,
    },
    system,
  );
  if (!open.ok) return open;
  for (const task of open.tasks) {
    const moved = await d.tasks.assign(task.id, toId, system);
    if (!moved.ok) return moved;
  }
  return null;
}

const automatic = (opts: CallOptions) => opts.actor.kind === 'automation';

/**
 * An automation cannot write the protocol note nor vouch for the customer: when the entity asks
 * for the note or an acknowledgment, its handover waits for the new owner to accept (they are
 * notified and see it under "My handovers"); otherwise it moves the record at once, as a person's
 * handover would.
 */
function rulesFor(rules: HandoverRules, opts: CallOptions): HandoverRules {
  if (!automatic(opts)) return rules;
  return { ...rules, acknowledge: rules.acknowledge || rules.note === 'protocol' };
}

/** The owner, someone with `reassign`, or the platform may hand over or release a record. */
export function mayHandOver(
  d: Pick<OwnershipDeps, 'permissions'>,
  actor: Actor,
  record: RecordData,
  locale: Locale,
): Failure | null {
  if (actor.userId && record.ownerId === actor.userId) return null;
  if (d.permissions.hasCapability(actor, 'reassign')) return null;
  return failure('forbidden', om(locale, 'notYours', { id: record.id }));
}

/** The user who takes over (by id or login): active or away, never disabled. */
export async function targetOf(
  d: Pick<OwnershipDeps, 'store'>,
  ref: unknown,
): Promise<Target | null> {
  if (typeof ref !== 'string' || ref.trim() === '') return null;
  const user = await d.store.users.byRef(ref.trim());
  if (!user || user.status === 'disabled') return null;
  const teams = await d.store.users.teamsOf(user.id);
  const locale = user.locale === 'en' || user.locale === 'zh-CN' ? user.locale : null;
  return {
    id: user.id,
    login: user.login,
    name: user.name ?? user.login,
    role: user.role,
    locale,
    teams,
  };
}

/**
 * A new owner whose role cannot read the entity's records would hold customers they never see
 * (and nobody finds in the pool): refused on `path`, naming them and the entity. A role that
 * reads without changing may own (the education template hands leads to course advisors).
 */
export function cannotWork(
  d: Pick<OwnershipDeps, 'permissions'>,
  target: Target,
  model: EntityModel,
  locale: Locale,
  path = '/to',
): FieldError[] {
  const actor = {
    kind: 'user' as const,
    userId: target.id,
    role: target.role,
    teams: target.teams,
  };
  if (d.permissions.scope(actor, 'read', model.key) !== 'none') return [];
  const entity = localize(model.entity.label, locale) || model.key;
  return [
    {
      path,
      code: 'cannot_own',
      message: om(locale, 'recipientCannotOwn', { name: target.name, entity }),
      params: { user: target.id, entity: model.key },
    },
  ];
}

function toError(locale: Locale, ref: unknown) {
  const empty = typeof ref !== 'string' || ref.trim() === '';
  return {
    path: '/to',
    code: empty ? 'required' : 'user_not_found',
    message: empty
      ? om(locale, 'noRecipient')
      : om(locale, 'recipientMissing', { id: String(ref) }),
  };
}

/** The record's title (its title field), for tasks and notifications. */
export function titleOf(model: EntityModel, record: RecordData): string {
  const v = record[model.entity.titleField];
  return typeof v === 'string' && v !== '' ? v : String(record.id);
}

/**
 * The record's title and, when it is the title field's value, that field as the quote of the
 * `title` param (omQuoting): a reader who may not see the field reads the text with it masked.
 */
export function quotedTitle(
  model: EntityModel,
  record: RecordData,
): { title: string; quotes: Record<string, string> } {
  const field = model.entity.titleField;
  const v = record[field];
  return typeof v === 'string' && v !== ''
    ? { title: v, quotes: { title: field } }
    : { title: String(record.id), quotes: {} };
}

/** A user's name as a text names them (a handover's sender), else their login, else '-'. */
async function nameOf(d: Pick<OwnershipDeps, 'store'>, id: string | null | undefined) {
  const user = id ? await d.store.users.byRef(id) : null;
  return user ? (user.name ?? user.login) : '-';
}
