import type { Locale } from '../ports';
import { inEveryLocale, TEXTS_KEY } from '../redaction/localized-texts';
import type { EngineRecord } from '../records/types';
import type { OwnershipDeps } from './deps';
import { quotedTitle } from './handover';
import { om, omQuoting } from './messages';
import { reasonInEveryLocale } from './reason-texts';
import { poolRules } from './policy';
import { releaseRecord } from './pool';

const DAY = 86_400_000;
const PAGE = 500;
const SYSTEM = { actor: { kind: 'system' as const }, via: 'system' as const };

export type ReclaimReport = { warned: number; reclaimed: number };

/**
 * The pool's clock (scheduler tick): an owned, open record with no follow-up for the entity's
 * `reclaimAfter` goes back to the pool (ledger kind `reclaim`, the owner told); `warnBefore`
 * earlier its owner is warned once. The clock starts at the later of the last logged contact
 * and the owner's arrival (the ledger), so a fresh claim or handover gets the full time.
 */
export async function reclaimIdle(
  d: OwnershipDeps,
  now: number,
  locale: Locale,
): Promise<ReclaimReport> {
  const report: ReclaimReport = { warned: 0, reclaimed: 0 };
  const spec = await d.spec();
  for (const entity of spec.spec.entities) {
    const rules = poolRules(entity);
    if (!rules.enabled || rules.reclaimMs === null) continue;
    const model = spec.entity(entity.key);
    if (!model) continue;
    const closed = (model.pipeline?.stages ?? [])
      .filter((s) => s.category === 'won' || s.category === 'lost')
      .map((s) => s.key);
    const warnAt = rules.reclaimMs - rules.warnMs;
    const filter = {
      and: [
        { '!=': [{ var: 'ownerId' }, null] },
        ...(closed.length > 0 ? [{ '!': { in: [{ var: 'stage' }, closed] } }] : []),
        {
          or: [
            { '==': [{ var: 'lastActivityAt' }, null] },
            { '<=': [{ var: 'lastActivityAt' }, now - warnAt] },
          ],
        },
      ],
    };
    let cursor: string | null = null;
    const due: EngineRecord[] = [];
    do {
      const page = await d.records.list(entity.key, { filter, limit: PAGE, cursor }, SYSTEM);
      if (!page.ok) break;
      due.push(...page.records);
      cursor = page.nextCursor;
    } while (cursor);
    const since = new Map(
      (
        await d.store.ownership.latest(
          entity.key,
          due.map((r) => r.id as string),
        )
      ).map((c) => [c.recordId, c.at] as const),
    );
    for (const record of due) {
      const id = record.id as string;
      const owner = record.ownerId as string;
      const start = Math.max(
        (record.lastActivityAt as number | null) ?? 0,
        since.get(id) ?? (record.createdAt as number),
      );
      const idle = now - start;
      const days = Math.floor(idle / DAY);
      const { title, quotes } = quotedTitle(model, record);
      // Title and body in every language, the record's title masked for a reader who may not
      // see its field.
      const texts = (
        titleKey: 'reclaimedTitle' | 'reclaimWarnTitle',
        body: (l: Locale) => string,
      ) =>
        inEveryLocale((l) => {
          const t = omQuoting(l, titleKey, { title }, quotes);
          return { props: { title: t.text, body: body(l) }, spans: { title: t.spans } };
        });
      if (idle >= rules.reclaimMs) {
        const after = { days: Math.round(rules.reclaimMs / DAY) };
        const reason = (l: Locale) => om(l, 'reclaimReason', after);
        // The ledger keeps the reason in every language: each reader reads their own.
        const r = await releaseRecord(d, entity.key, id, reasonInEveryLocale(reason), {
          ...SYSTEM,
          locale,
          kind: 'reclaim',
        });
        if (!r.ok) continue;
        report.reclaimed += 1;
        await notify(
          d.store,
          d,
          {
            userId: owner,
            entity: entity.key,
            recordId: id,
            title: om(locale, 'reclaimedTitle', { title }),
            body: reason(locale),
            texts: texts('reclaimedTitle', reason),
          },
          now,
        );
      } else if (idle >= warnAt) {
        const key = `pool.warn:${entity.key}:${id}:${start}`;
        if (await d.store.effects.get(key)) continue;
        const hours = Math.max(1, Math.round((rules.reclaimMs - idle) / 3_600_000));
        const body = (l: Locale) => om(l, 'reclaimWarnBody', { days, hours });
        await d.store.transaction(async (tx) => {
          await notify(
            tx,
            d,
            {
              userId: owner,
              entity: entity.key,
              recordId: id,
              title: om(locale, 'reclaimWarnTitle', { title }),
              body: body(locale),
              texts: texts('reclaimWarnTitle', body),
            },
            now,
          );
          await tx.effects.put(key, null, 'pool.warn', { owner }, now);
        });
        report.warned += 1;
      }
    }
  }
  return report;
}

type Note = {
  userId: string;
  entity: string;
  recordId: string;
  title: string;
  body: string;
  /** The title and body in every language (redaction/localized-texts). */
  texts: ReturnType<typeof inEveryLocale>;
};

async function notify(
  db: Pick<OwnershipDeps['store'], 'notifications'>,
  d: OwnershipDeps,
  n: Note,
  now: number,
): Promise<void> {
  const { texts, ...note } = n;
  await db.notifications.insert({
    id: d.ids.next(),
    kind: 'pool',
    payload: { [TEXTS_KEY]: texts },
    createdAt: now,
    ...note,
  });
}
