import type { Handover } from '@trellis/store';
import type { Failure } from '../i18n/errors';
import type { CallOptions } from '../records/types';
import { failure, localeOf, type OwnershipDeps } from './deps';
import { om } from './messages';
import { handoverRules } from './policy';

/** The customer consent of a handover (seed 003 “客户授权快链”), kept in its summary. */
type Consent = { sentAt: number; expiresAt: number; agreedAt?: number };

/** What the public consent page shows: who takes over, about what, until when. */
export type ConsentView = {
  handoverId: string;
  title: string;
  toName: string;
  status: 'open' | 'agreed' | 'expired';
  expiresAt: number;
};

export type ConsentResult = ({ ok: true } & ConsentView) | Failure;

const consentOf = (h: Handover): Consent | null =>
  ((h.summary as { consent?: Consent } | null)?.consent ?? null) as Consent | null;

/**
 * Opens (or re-opens) the consent link of a handover: valid for the entity's
 * `handover.consentValid` (default 72 h) from now. Only its two owners or someone with
 * `reassign`. The caller signs the link (the server, with its secret key).
 */
export async function openConsent(
  d: OwnershipDeps,
  handoverId: string,
  opts: CallOptions,
): Promise<ConsentResult> {
  const locale = localeOf(opts);
  const h = await d.store.handovers.get(handoverId);
  const me = opts.actor.userId;
  const party = h && me !== undefined && (me === h.fromUserId || me === h.toUserId);
  if (!h || (!party && !d.permissions.hasCapability(opts.actor, 'reassign')))
    return failure('not_found', om(locale, 'handoverMissing', { id: handoverId }));
  if (h.status === 'declined' || h.status === 'cancelled')
    return failure('conflict', om(locale, 'handoverDecided', { status: h.status }));
  const model = (await d.spec()).entity(h.entity);
  if (!model) return failure('not_found', om(locale, 'handoverMissing', { id: handoverId }));
  const now = d.clock.now();
  const consent: Consent = { sentAt: now, expiresAt: now + handoverRules(model.entity).consentMs };
  const summary = { ...(h.summary as object), consent };
  await d.store.handovers.annotate(handoverId, summary);
  return view(d, { ...h, summary }, now);
}

/** The public page's view of a consent link (no sign-in: the signed link is the key). */
export async function consentView(d: OwnershipDeps, handoverId: string): Promise<ConsentResult> {
  const h = await d.store.handovers.get(handoverId);
  if (!h || !consentOf(h)) return failure('not_found', 'not found');
  return view(d, h, d.clock.now());
}

/** The customer agrees: recorded once, refused after the link expired. */
export async function agreeConsent(d: OwnershipDeps, handoverId: string): Promise<ConsentResult> {
  const h = await d.store.handovers.get(handoverId);
  const consent = h ? consentOf(h) : null;
  if (!h || !consent) return failure('not_found', 'not found');
  const now = d.clock.now();
  if (consent.agreedAt === undefined && now < consent.expiresAt) {
    const summary = { ...(h.summary as object), consent: { ...consent, agreedAt: now } };
    await d.store.handovers.annotate(handoverId, summary);
    return view(d, { ...h, summary }, now);
  }
  return view(d, h, now);
}

async function view(d: OwnershipDeps, h: Handover, now: number): Promise<ConsentResult> {
  const c = consentOf(h)!;
  const to = await d.store.users.byRef(h.toUserId);
  const title = (h.summary as { title?: unknown } | null)?.title;
  return {
    ok: true,
    handoverId: h.id,
    title: typeof title === 'string' ? title : '',
    toName: to?.name || to?.login || '',
    status: c.agreedAt !== undefined ? 'agreed' : now >= c.expiresAt ? 'expired' : 'open',
    expiresAt: c.expiresAt,
  };
}
