import { parseDuration } from '@trellis/logic';
import { localize } from '@trellis/spec';
import type { ReportRow, WidgetRunner } from '../types';
import { DAY_MS, ratio } from './common';

const RECEIVED = ['accepted', 'merged'];
const FAILED = ['rejected', 'unauthorized'];

/**
 * Per webhook source and public form, over the period: leads received (new and merged into an
 * existing record), merged, refused (bad payload or proof) and the refused share; the days since
 * the source's last lead, flagged past its `alertAfter`. Intake health is not record data: only
 * readers with monitor, manageIntake or build see it.
 */
export const sourceHealth: WidgetRunner = async (c) => {
  if (!['monitor', 'manageIntake', 'build'].some((cap) => c.may(cap)))
    return { columns: [], rows: [], note: c.text('noAccess') };
  const sources = [
    ...(c.spec.webhookSources ?? []).map((w) => ({ kind: 'webhook', ...w })),
    ...(c.spec.forms ?? []).filter((f) => f.public).map((f) => ({ kind: 'form', ...f })),
  ];
  const log = await c.store.reports(c.spec).intake({
    ...(c.range.from !== undefined ? { from: c.range.from } : {}),
    ...(c.range.to !== undefined ? { to: c.range.to } : {}),
  });
  const rows: ReportRow[] = sources.map((s) => {
    const mine = log.filter((r) => r.kind === s.kind && r.sourceKey === s.key);
    const count = (statuses: string[]) =>
      mine.filter((r) => statuses.includes(r.status)).reduce((a, r) => a + r.count, 0);
    const last = Math.max(
      -Infinity,
      ...mine.filter((r) => RECEIVED.includes(r.status)).map((r) => r.last),
    );
    const silentMs = Number.isFinite(last) ? Math.max(0, c.now - last) : null;
    const alertMs = s.alertAfter ? parseDuration(s.alertAfter) : null;
    const received = count(RECEIVED);
    const failed = count(FAILED);
    return {
      key: `${s.kind}:${s.key}`,
      label: localize(s.label, c.locale),
      values: {
        received: { value: received },
        merged: { value: count(['merged']) },
        failed: { value: failed },
        failureRate: { value: ratio(failed, received + failed) },
        sinceLast: { value: silentMs === null ? null : silentMs / DAY_MS },
      },
      ...(alertMs && silentMs !== null && silentMs > alertMs ? { flag: true } : {}),
    };
  });
  return {
    columns: [
      { key: 'received', label: c.text('received'), unit: 'count' },
      { key: 'merged', label: c.text('merged'), unit: 'count' },
      { key: 'failed', label: c.text('failed'), unit: 'count' },
      { key: 'failureRate', label: c.text('failureRate'), unit: 'ratio' },
      { key: 'sinceLast', label: c.text('sinceLast'), unit: 'days' },
    ],
    rows,
  };
};
