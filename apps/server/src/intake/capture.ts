/** Attribution captured with an intake submission (a row of `touches`). */
export type Touch = {
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_content: string | null;
  utm_term: string | null;
  referrer: string | null;
  landing_url: string | null;
};

export const UTM_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'utm_term',
] as const;
const MAX = 500;

function clean(v: unknown): string | null {
  if (Array.isArray(v)) v = v[0];
  if (typeof v !== 'string') return null;
  const s = v.trim().slice(0, MAX);
  return s === '' ? null : s;
}

function paramsOf(url: string | null): URLSearchParams | null {
  // Most submit URLs and landing pages carry no query string: nothing to parse.
  if (!url || !url.includes('?')) return null;
  try {
    return new URL(url).searchParams;
  } catch {
    return null;
  }
}

/**
 * Collects UTM parameters, referrer and landing URL. Explicit body values win; then the query
 * string of the submit URL; then the landing page's own query string (a form embedded on
 * `https://site/apply?utm_source=douyin` posts with that page as Referer).
 */
export function captureTouch(
  body: Record<string, unknown>,
  requestUrl: string,
  refererHeader: string | undefined,
): Touch {
  const landing = clean(body.landing_url) ?? clean(refererHeader);
  const fromRequest = paramsOf(requestUrl);
  const fromLanding = paramsOf(landing);
  const pick = (key: string) =>
    clean(body[key]) ?? clean(fromRequest?.get(key)) ?? clean(fromLanding?.get(key));
  return {
    utm_source: pick('utm_source'),
    utm_medium: pick('utm_medium'),
    utm_campaign: pick('utm_campaign'),
    utm_content: pick('utm_content'),
    utm_term: pick('utm_term'),
    referrer: clean(body.referrer) ?? null,
    landing_url: landing,
  };
}
