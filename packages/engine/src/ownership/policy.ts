import { parseDuration } from '@trellis/logic';
import type { EntitySpec } from '@trellis/spec';

const HOUR = 3_600_000;

/** An entity's handover rules with the defaults applied (spec: entity.handover). */
export type HandoverRules = {
  note: 'none' | 'optional' | 'protocol';
  acknowledge: boolean;
  cooldownMs: number;
  contactMs: number;
  consentMs: number;
};

/** An entity's pool rules with the defaults applied (spec: entity.pool + entity.poolPolicy). */
export type PoolRules = {
  enabled: boolean;
  roles: readonly string[] | null;
  fields: readonly string[];
  claimCap: number | null;
  reclaimMs: number | null;
  warnMs: number;
};

const ms = (value: string | undefined, fallback: number): number => {
  const parsed = value === undefined ? null : parseDuration(value);
  return parsed === null || parsed < 0 ? fallback : parsed;
};

/** The handover rules of an entity: a 48 h cooldown, a 24 h contact task, a 72 h consent link. */
export function handoverRules(entity: EntitySpec): HandoverRules {
  const h = entity.handover ?? {};
  return {
    note: h.note ?? 'optional',
    acknowledge: h.acknowledge === true,
    cooldownMs: ms(h.cooldown, 48 * HOUR),
    contactMs: ms(h.contactWithin, 24 * HOUR),
    consentMs: ms(h.consentValid, 72 * HOUR),
  };
}

/** The pool rules of an entity (the pool list shows the title field and the stage by default). */
export function poolRules(entity: EntitySpec): PoolRules {
  const p = entity.poolPolicy ?? {};
  const reclaim = p.reclaimAfter === undefined ? null : parseDuration(p.reclaimAfter);
  return {
    enabled: entity.pool === true && entity.owned !== false,
    roles: p.roles ?? null,
    fields: p.fields ?? [entity.titleField],
    claimCap: p.claimCap ?? null,
    reclaimMs: reclaim !== null && reclaim > 0 ? reclaim : null,
    warnMs: ms(p.warnBefore, 24 * HOUR),
  };
}
