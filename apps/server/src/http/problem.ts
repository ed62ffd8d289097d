import type { Context } from 'hono';
import type { AppEnv } from '../types';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Locale } from './locale';
import { pickLocale } from './locale';
import { message } from './messages';

/** One entry of the `errors` array of a problem (docs/api.md, "Errors: RFC 9457 problem details"). */
export type ProblemError = {
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
};

/** An RFC 9457 problem details body. */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors: ProblemError[];
  [extra: string]: unknown;
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** Codes whose detail sums up a list of problems ("提交的数据有 2 处问题") instead of quoting one. */
const AGGREGATE = new Set(['validation', 'stage_gate']);

/** An error value that route code throws to answer with a problem; caught by the app's onError. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly errors: ProblemError[] = [],
    readonly headers: Record<string, string> = {},
    /** An already localized sentence (e.g. from the engine) used instead of the catalogue text. */
    readonly detail?: string,
  ) {
    super(code);
  }
}

/** The locale of the request, cached on the context. */
export function localeOf(c: Context<AppEnv>): Locale {
  const cached = c.get('locale') as Locale | undefined;
  if (cached) return cached;
  const locale = pickLocale(c.req.header('accept-language'));
  c.set('locale', locale);
  return locale;
}

/** Builds a problem body; `detail` is the localized message of `code`. */
export function problemBody(
  status: number,
  code: string,
  locale: Locale,
  params: Record<string, unknown> = {},
  errors: ProblemError[] = [],
  instance?: string,
): Problem {
  return {
    type: `https://trellis.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail: message(code, locale, params),
    ...(instance ? { instance } : {}),
    code,
    // Entries raised by the HTTP layer carry only a code; fill their localized message here.
    errors: errors.map((e) =>
      e.message ? e : { ...e, message: message(e.code, locale, { ...params, ...e.params }) },
    ),
  };
}

/** Answers with `application/problem+json`. */
export function problem(
  c: Context<AppEnv>,
  status: number,
  code: string,
  params: Record<string, unknown> = {},
  errors: ProblemError[] = [],
  headers: Record<string, string> = {},
  detail?: string,
): Response {
  // `validation` says how many problems there are, as the engine's own validation answer does.
  const withCount = code === 'validation' ? { count: errors.length, ...params } : params;
  const body = problemBody(status, code, localeOf(c), withCount, errors, c.req.path);
  if (detail) body.detail = detail;
  // One problem with one value (a bad sort, cursor, limit): its sentence is the most useful detail.
  else if (!AGGREGATE.has(code) && body.errors.length === 1 && body.errors[0]!.message)
    body.detail = body.errors[0]!.message;
  return problemResponse(body, status, headers);
}

/** A problem body (with any extension members) as an `application/problem+json` answer. */
export function problemResponse(
  body: Problem,
  status: number,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status: status as ContentfulStatusCode,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}
