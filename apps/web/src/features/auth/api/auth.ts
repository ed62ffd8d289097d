import { api, unwrap } from '../../../lib/api/client';

/** Signs in with a login and password; the server sets the session cookie. */
export function login(body: { login: string; password: string }) {
  return unwrap(api.POST('/api/v1/auth/login', { body }));
}

/** Whether this installation still needs its first admin. */
export async function setupNeeded(): Promise<boolean> {
  return (await unwrap(api.GET('/api/v1/setup'))).needed;
}

/** Creates the first admin (first run only) and signs them in. */
export function setup(body: { login: string; name: string; password: string }) {
  return unwrap(api.POST('/api/v1/setup', { body }));
}
