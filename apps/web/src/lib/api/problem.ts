/** One field-level error of an RFC 9457 problem: JSON pointer into the request body. */
export type ProblemError = { path: string; code: string; message: string };

/** The server's problem details (application/problem+json), already in the user's language. */
export type Problem = {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ProblemError[];
};

/**
 * A failed API call. `detail` is the server's localized sentence; `errors` name the fields.
 * A network failure is status 0 with code `network`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: ProblemError[];
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code ?? 'unknown';
    this.errors = problem.errors ?? [];
    this.problem = problem;
  }

  /** The errors about one field (`/phone`), for showing them next to it. */
  errorsAt(field: string): ProblemError[] {
    return this.errors.filter((e) => e.path === `/${field}` || e.path.startsWith(`/${field}/`));
  }
}

/** Reads a failed response into an ApiError (problem+json, or a bare status when it is not). */
export async function toApiError(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return new ApiError({ ...body, status: response.status });
    } catch {
      // fall through to the bare status
    }
  }
  return new ApiError({ status: response.status, title: response.statusText });
}

/** True for failures worth retrying automatically (network, 5xx, 429), not for 4xx answers. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status >= 500 || error.status === 429;
}
