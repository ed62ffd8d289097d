import { QueryClient } from '@tanstack/react-query';
import { isTransient } from './api/problem';

/**
 * Server state lives in queries. Transient failures (network, 5xx, 429) are retried twice;
 * a 4xx answer is final and shown at once. Every failed query renders an error with a retry.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => count < 2 && isTransient(error),
      },
      mutations: { retry: false },
    },
  });
}
