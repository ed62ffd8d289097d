import { QueryClient } from '@tanstack/react-query';
import { isTransient } from './api/problem';

/**
 * Server state lives in queries. Transient failures (network, 5xx, 429) are retried twice;
 * a 4xx answer is final and shown at once. Every failed query renders an error with a retry.
 */
function createQueryClient(): QueryClient {
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

/**
 * The app's one query client: the providers hand it to React, and route loaders use it to ask
 * for a page's data as the navigation starts, before the page has rendered.
 */
export const queryClient = createQueryClient();
