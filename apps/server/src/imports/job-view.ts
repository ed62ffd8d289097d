import type { ImportJob } from '@trellis/store';

/** A job as the API shows it: no file path, no stored actor. */
export function jobView(job: ImportJob) {
  const o = job.options as Record<string, unknown>;
  return {
    id: job.id,
    entity: job.entity,
    dryRun: job.dryRun,
    status: job.status,
    fileName: job.fileName,
    rowsTotal: job.rowsTotal,
    rowsDone: job.rowsDone,
    created: job.created,
    updated: job.updated,
    skipped: job.skipped,
    failed: job.failed,
    error: job.error,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    options: {
      mapping: o.mapping,
      values: o.values ?? {},
      dedupe: o.dedupe,
      automations: o.automations === true,
      ...(o.encoding ? { encoding: o.encoding } : {}),
      ...(o.sheet ? { sheet: o.sheet } : {}),
    },
  };
}
