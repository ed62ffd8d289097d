import { useQuery } from '@tanstack/react-query';
import { request } from '../../../lib/api/client';

type SourceHealth = {
  lastSuccessAt?: number | null;
  lastFailureAt?: number | null;
  lastFailure?: { reasons?: IntakeReason[] } | null;
  silentForMs?: number | null;
  /** The last delivery failed (none was accepted after it). */
  failingSinceLastSuccess?: boolean;
};

/** Why a delivery was refused: a code, and a field path and message when a field was wrong. */
export type IntakeReason = { path?: string; code?: string; message?: string };

export type IntakeSource = {
  kind: 'form' | 'webhook';
  key: string;
  endpoint: string;
  secretSet?: boolean;
  health?: SourceHealth;
};

/** One delivery of the intake log, newest first. */
export type IntakeLogEntry = {
  id: string | number;
  status: 'accepted' | 'merged' | 'rejected' | 'unauthorized';
  httpStatus: number;
  reasons: IntakeReason[];
  at: number;
};

export const intakeKeys = {
  sources: ['builder', 'intake-sources'] as const,
  log: (key: string) => ['builder', 'intake-log', key] as const,
};

/** The live health of every published intake source (refreshed every 30 s while shown). */
export function useIntakeHealth() {
  return useQuery({
    queryKey: intakeKeys.sources,
    queryFn: () => request<{ items: IntakeSource[] }>('GET', '/api/v1/intake/sources'),
    refetchInterval: 30_000,
  });
}

/** The last deliveries of a webhook source (refreshed with the health). */
export function useIntakeLog(key: string) {
  return useQuery({
    queryKey: intakeKeys.log(key),
    queryFn: () =>
      request<{ items: IntakeLogEntry[] }>(
        'GET',
        `/api/v1/intake/sources/webhook/${encodeURIComponent(key)}/log`,
      ),
    refetchInterval: 30_000,
  });
}
