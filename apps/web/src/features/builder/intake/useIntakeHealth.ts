import { useQuery } from '@tanstack/react-query';
import { request } from '../../../lib/api/client';

type SourceHealth = {
  lastSuccessAt?: number | null;
  lastFailureAt?: number | null;
  lastFailure?: { reasons?: { code?: string; message?: string }[] } | null;
  silentForMs?: number | null;
  failingSinceLastSuccess?: number;
};

export type IntakeSource = {
  kind: 'form' | 'webhook';
  key: string;
  endpoint: string;
  secretSet?: boolean;
  health?: SourceHealth;
};

/** The live health of every published intake source (refreshed every 30 s while shown). */
export function useIntakeHealth() {
  return useQuery({
    queryKey: ['builder', 'intake-sources'],
    queryFn: () => request<{ items: IntakeSource[] }>('GET', '/api/v1/intake/sources'),
    refetchInterval: 30_000,
  });
}
