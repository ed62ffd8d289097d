/**
 * The 4xx answers an endpoint can give: 401 unless public, 403 when signed in but not allowed,
 * 404 for path parameters, 400/422 for bodies, 429 where rate limits apply.
 */
export function errorStatuses(
  method: string,
  path: string,
  isPublic: boolean,
  hasBody: boolean,
): number[] {
  const out = new Set<number>();
  // Login and webhooks are public yet answer 401 (bad password, bad token or signature).
  if (!isPublic || path.endsWith('/login') || path.startsWith('/hooks/')) out.add(401);
  if (!isPublic && !path.startsWith('/api/v1/me') && !path.startsWith('/api/v1/auth')) out.add(403);
  if (path.includes('{')) out.add(404);
  if (hasBody || method === 'post' || method === 'put' || method === 'patch') out.add(400).add(422);
  if (path.endsWith('/login') || path.startsWith('/hooks/')) out.add(429);
  if (path.startsWith('/hooks/') || path === '/api/v1/files') out.add(413);
  if (path.endsWith('/setup') && method === 'post') out.add(409);
  // Draft writes with If-Match: someone else saved the draft in between.
  if (path === '/api/v1/spec/draft' && method !== 'get') out.add(409);
  if (path === '/api/v1/spec/publish') out.add(409);
  // No draft yet: `no_draft` with `revision: 0` and the live version to start from.
  if (path === '/api/v1/spec/draft' && method === 'get') out.add(404);
  if (out.size === 0) out.add(400);
  return [...out].sort();
}
