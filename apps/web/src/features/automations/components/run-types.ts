/** One run-log row as GET /api/v1/automations/runs answers it. */
export type Run = {
  id: string;
  automationKey: string;
  triggerType: string;
  entity: string | null;
  recordId: string | null;
  matched: boolean;
  status: 'matched' | 'skipped' | 'failed' | 'succeeded' | 'stopped';
  error: string | null;
  startedAt: number;
  dryRun: boolean;
  conditionTrace: {
    matched: boolean;
    failed: { path: string; expr: unknown; value?: unknown; error?: string }[];
    error?: string;
  } | null;
  actions: {
    type: string;
    status: 'succeeded' | 'failed' | 'skipped';
    result?: { ok: true; summary: string } | { ok: false; code: string; message: string };
  }[];
};
