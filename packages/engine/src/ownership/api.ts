import type { Handover, OwnershipChange } from '@trellis/store';
import type { Failure } from '../i18n/errors';
import type { CallOptions, RecordResult } from '../records/types';
import { localeOf, type OwnershipDeps } from './deps';
import { reasonFor } from './reason-texts';
import { acceptHandover, declineHandover } from './decide';
import {
  startHandover,
  type HandoverBatchResult,
  type HandoverInput,
  type HandoverResult,
} from './handover';
import { leave, planLeave, type LeaveInput, type LeavePlanResult, type LeaveResult } from './leave';
import { claimRecord, listPool, releaseRecord, type PoolListResult } from './pool';
import { reclaimIdle, type ReclaimReport } from './reclaim';
import { agreeConsent, consentView, openConsent, type ConsentResult } from './consent';

/** Handovers, the public pool and the ownership ledger (`engine.ownership`, issue 17). */
export type OwnershipApi = {
  /** Hands records over to one new owner with the note the entity asks for (all or none). */
  handover(
    entity: string,
    ids: readonly string[],
    input: HandoverInput,
    opts: CallOptions,
  ): Promise<HandoverBatchResult>;
  /** The new owner accepts a pending handover: the record moves. */
  accept(handoverId: string, opts: CallOptions): Promise<HandoverResult>;
  /** The new owner declines a pending handover. */
  decline(handoverId: string, reason: string | null, opts: CallOptions): Promise<HandoverResult>;
  /** Handovers waiting for the actor to accept. */
  pending(opts: CallOptions): Promise<{ ok: true; handovers: Handover[] }>;
  /** A record's owner changes, oldest first (for those who may read the record). */
  ledger(
    entity: string,
    id: string,
    opts: CallOptions,
  ): Promise<{ ok: true; changes: OwnershipChange[] } | Failure>;
  pool(
    entity: string,
    query: { search?: string; cursor?: string | null; limit?: number },
    opts: CallOptions,
  ): Promise<PoolListResult>;
  claim(entity: string, id: string, opts: CallOptions): Promise<RecordResult>;
  release(
    entity: string,
    id: string,
    reason: string | null,
    opts: CallOptions,
  ): Promise<RecordResult>;
  /** "A rep leaves": what `leave` would do. */
  planLeave(
    user: string,
    input: Pick<LeaveInput, 'to' | 'note'>,
    opts: CallOptions,
  ): Promise<LeavePlanResult>;
  leave(user: string, input: LeaveInput, opts: CallOptions): Promise<LeaveResult>;
  /** Opens the customer consent link of a handover (valid `handover.consentValid`); the caller signs it. */
  openConsent(handoverId: string, opts: CallOptions): Promise<ConsentResult>;
  /** What the public consent page shows (the signed link is the key: no actor). */
  consentView(handoverId: string): Promise<ConsentResult>;
  /** The customer agrees (once, before the link expires). */
  agreeConsent(handoverId: string): Promise<ConsentResult>;
  /** The pool's clock: warns owners, reclaims idle records (the scheduler tick calls it). */
  reclaim(now?: number): Promise<ReclaimReport>;
};

/** Binds the ownership operations to an engine. */
export function createOwnership(d: OwnershipDeps, locale: () => 'zh-CN' | 'en'): OwnershipApi {
  return {
    handover: (entity, ids, input, opts) => startHandover(d, entity, ids, input, opts),
    accept: (id, opts) => acceptHandover(d, id, opts),
    decline: (id, reason, opts) => declineHandover(d, id, reason, opts),
    pending: async (opts) => ({
      ok: true,
      handovers: opts.actor.userId
        ? await d.store.handovers.listTo(opts.actor.userId, 'pending')
        : [],
    }),
    async ledger(entity, id, opts) {
      const got = await d.records.get(entity, id, opts);
      if (!got.ok) return got;
      const reader = localeOf(opts);
      const changes = await d.store.ownership.listFor(entity, id);
      return { ok: true, changes: changes.map((c) => ({ ...c, reason: reasonFor(c, reader) })) };
    },
    pool: (entity, query, opts) => listPool(d, entity, query, opts),
    claim: (entity, id, opts) => claimRecord(d, entity, id, opts),
    release: (entity, id, reason, opts) => releaseRecord(d, entity, id, reason, opts),
    planLeave: (user, input, opts) => planLeave(d, user, input, opts),
    leave: (user, input, opts) => leave(d, user, input, opts),
    openConsent: (id, opts) => openConsent(d, id, opts),
    consentView: (id) => consentView(d, id),
    agreeConsent: (id) => agreeConsent(d, id),
    reclaim: (now) => reclaimIdle(d, now ?? d.clock.now(), locale()),
  };
}
