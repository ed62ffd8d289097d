import { Timeline as AntTimeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppSpec, EntitySpec } from '@trellis/spec';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { QueryBoundary } from '../../../components/feedback/QueryBoundary';
import { addFeatureStrings } from '../../../lib/i18n/i18n';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useLocale } from '../../../lib/i18n/useLocale';
import type { HandoverEntry, TimelineEntry } from '../../../lib/records/api';
import { useLiveSpec } from '../../../lib/session/useSpec';
import { useTimeline } from '../hooks/useRecord';
import en from '../locales/en.json';
import zhCN from '../locales/zh-CN.json';

// With the record page's chunk, not the shell's (namespace "records").
addFeatureStrings('records', { 'zh-CN': zhCN, en });

type Format = {
  label: (key: string) => string;
  text: (key: string, value: unknown) => string;
  userName: (id: string) => string;
};

/** What happened to the record, newest first: activities, changes, stage moves, assignments. */
export function Timeline({
  entity,
  id,
  format,
}: {
  entity: EntitySpec;
  id: string;
  format: Format;
}) {
  const query = useTimeline(entity.key, id);
  const spec = useLiveSpec();
  const { t } = useTranslation();
  return (
    <QueryBoundary query={query} rows={4}>
      {(entries) =>
        entries.length === 0 ? (
          <EmptyState description={t('timeline.empty')} />
        ) : (
          <AntTimeline
            items={entries.map((e) => ({
              key: `${e.kind}:${e.id}`,
              color: e.kind === 'activity' ? 'blue' : e.kind === 'stage' ? 'green' : 'gray',
              content: <Entry entry={e} format={format} spec={spec} />,
            }))}
          />
        )
      }
    </QueryBoundary>
  );
}

/**
 * One entry. The spec comes from the timeline (not a query observer per entry), and the text is
 * plain elements, not Typography's components: a record's timeline draws dozens of entries.
 */
function Entry({ entry, format, spec }: { entry: TimelineEntry; format: Format; spec: AppSpec }) {
  const { t } = useTranslation();
  const label = useLabel();
  // Chinese punctuation in Chinese only: English read "Budget: — → Under ¥5,000；Decision cycle"
  // and "Phone call：Hi".
  const [between, colon] = useLocale() === 'en' ? ['; ', ': '] : ['；', '：'];
  const who = entry.actorId
    ? format.userName(entry.actorId)
    : t(`timeline.via.${entry.via ?? 'system'}`, { defaultValue: t('timeline.via.system') });
  // The list's cached date-time formatter: building one per entry cost more than the entry.
  const when = format.text('createdAt', entry.at);
  const changes = (entry.changes ?? [])
    .map(
      (c) =>
        `${format.label(c.field)}: ${format.text(c.field, c.before) || '—'} → ${format.text(c.field, c.after) || '—'}`,
    )
    .join(between);
  // Why this owner, in the reader's words: the rule that matched (rules are numbered as the
  // builder lists them), the team by its name (the trace keeps its key), the strategy.
  const why = (trace: NonNullable<TimelineEntry['reason']>['trace']) => {
    const team = (spec.teams ?? []).find((x) => x.key === trace.team);
    const how = [
      trace.rule === 'fallback'
        ? t('timeline.rule.fallback')
        : typeof trace.rule === 'number'
          ? t('timeline.rule.matched', { n: trace.rule + 1 })
          : '',
      trace.team ? label(team?.label, trace.team) : '',
      t(`timeline.strategy.${trace.strategy}`, { defaultValue: trace.strategy }),
    ];
    return t('timeline.why', { how: how.filter(Boolean).join(' · ') });
  };
  let body: string;
  switch (entry.kind) {
    case 'activity': {
      const type = (spec.activityTypes ?? []).find((a) => a.key === entry.activity?.type);
      body = `${label(type?.label, entry.activity?.type)}${entry.activity?.body ? `${colon}${entry.activity.body}` : ''}`;
      break;
    }
    case 'stage':
      body = t('timeline.stage', {
        from: format.text('stage', entry.from) || '—',
        to: format.text('stage', entry.to),
      });
      break;
    case 'assignment':
      if (entry.ownership && POOL_KINDS.has(entry.ownership.kind))
        return <PoolLine entry={entry} format={format} meta={`${who} · ${when}`} />;
      body = `${t('timeline.assignment')} ${changes}${entry.reason ? ` — ${why(entry.reason.trace)}` : ''}`;
      break;
    case 'task':
      body = `${t('timeline.task')}${colon}${entry.task?.title ?? ''}`;
      break;
    case 'touch': {
      // The touch as the server stores it (snake_case columns): source, medium, campaign, and
      // the public form it came through by its name (a webhook source's key otherwise).
      const touch = entry.touch ?? {};
      const form =
        touch.kind === 'form'
          ? (spec.forms ?? []).find((f) => f.key === touch.source_key)
          : undefined;
      const via = form ? label(form.label, form.key) : touch.source_key;
      body = `${t('timeline.touch')} ${[touch.utm_source, touch.utm_medium, touch.utm_campaign, via]
        .filter(Boolean)
        .join(' / ')}`;
      break;
    }
    case 'created':
      body = t('timeline.created');
      break;
    case 'handover':
      return (
        <HandoverLine
          entry={entry as unknown as HandoverEntry}
          format={format}
          meta={`${who} · ${when}`}
        />
      );
    case 'consent':
      body = t(
        (entry as { status?: string }).status === 'agreed'
          ? 'timeline.consent.agreed'
          : 'timeline.consent.expired',
      );
      break;
    default:
      body = `${t(`timeline.kind.${entry.kind}`, { defaultValue: entry.kind })} ${changes}`;
  }
  return (
    <div className="trellis-timeline-entry">
      <span>{body}</span>
      <div>
        <span className="trellis-timeline-meta">
          {who} · {when}
        </span>
      </div>
    </div>
  );
}

/** Owner changes through the pool, named by the ownership ledger rather than as assignments. */
const POOL_KINDS = new Set(['release', 'reclaim', 'claim']);

/** A release or reclaim (whose record left the pool's hands, and why) or a claim (who took it). */
function PoolLine({ entry, format, meta }: { entry: TimelineEntry; format: Format; meta: string }) {
  const { t } = useTranslation('records');
  const owner = entry.changes?.find((c) => c.field === 'ownerId');
  const kind = entry.ownership?.kind ?? 'release';
  const person = kind === 'claim' ? owner?.after : owner?.before;
  return (
    <div>
      <Typography.Text>
        {t(`timeline.pool.${kind}`, {
          name: typeof person === 'string' && person ? format.userName(person) : '—',
        })}
      </Typography.Text>
      {entry.ownership?.reason ? (
        <div>
          <Typography.Text>
            {t('timeline.pool.why', { reason: entry.ownership.reason })}
          </Typography.Text>
        </div>
      ) : null}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {meta}
        </Typography.Text>
      </div>
    </div>
  );
}

/** A handover: when (meta), from, to, why, its status and note — what the new owner was told. */
function HandoverLine({
  entry,
  format,
  meta,
}: {
  entry: HandoverEntry;
  format: Format;
  meta: string;
}) {
  const { t } = useTranslation();
  const note = entry.summary?.note;
  const parts = (['needs', 'risks', 'open'] as const).filter((p) => (note?.[p] ?? []).length > 0);
  return (
    <div>
      <Typography.Text>
        {t('timeline.handover.move', {
          from: entry.fromUserId ? format.userName(entry.fromUserId) : t('timeline.handover.pool'),
          to: format.userName(entry.toUserId),
        })}
        {entry.status !== 'accepted'
          ? ` · ${t(`timeline.handover.status.${entry.status}`, { defaultValue: entry.status })}`
          : ''}
      </Typography.Text>
      {entry.reason ? (
        <div>
          <Typography.Text>{t('timeline.handover.why', { reason: entry.reason })}</Typography.Text>
        </div>
      ) : null}
      {parts.map((p) => (
        <div key={p}>
          <Typography.Text type="secondary">
            {t(`timeline.handover.${p}`)}: {(note?.[p] ?? []).join(' / ')}
          </Typography.Text>
        </div>
      ))}
      {note?.text ? (
        <div>
          <Typography.Text type="secondary">
            {t('timeline.handover.note')}: {note.text}
          </Typography.Text>
        </div>
      ) : null}
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {meta}
        </Typography.Text>
      </div>
    </div>
  );
}
