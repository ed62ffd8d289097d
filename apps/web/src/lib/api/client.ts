import createClient, { type Middleware } from 'openapi-fetch';
import { currentLocale } from '../i18n/locale';
import { ApiError, toApiError } from './problem';
import type { paths } from './schema.gen';

/** Every request says which language problem messages should be in. */
const language: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', currentLocale());
    return request;
  },
};

/**
 * The typed client of the fixed endpoints (types generated from /api/v1/openapi.json by
 * `pnpm gen:api`). Same origin as the app, so the session cookie and the origin check just work.
 * @example const { data } = await api.GET('/api/v1/tasks', { params: { query: { status: 'open' } } })
 */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? '' });
api.use(language);

/** Unwraps an openapi-fetch result: the data, or throws the server's problem as an ApiError. */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let settled: { data?: T; error?: unknown; response: Response };
  try {
    settled = await result;
  } catch {
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (settled.response.ok) return settled.data as T;
  const err = settled.error as Record<string, unknown> | undefined;
  if (err && typeof err === 'object')
    throw new ApiError({ ...(err as object), status: settled.response.status } as never);
  throw await toApiError(settled.response);
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A JSON request to any API path, for the generic record endpoints whose shapes come from the
 * live spec (the generated types cover the fixed endpoints). `signal` (TanStack Query's, for a
 * query) aborts it when nobody waits for the answer any more: the browser closes the request,
 * and the server skips or stops a count it has not finished (apps/server's count reads). An
 * aborted request rejects with the signal's reason, not as a network failure.
 */
export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        'accept-language': currentLocale(),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    throw new ApiError({ status: 0, code: 'network' });
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Builds a query string from defined values (arrays and objects as JSON). */
export function query(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
