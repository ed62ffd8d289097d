import {
  createAdmin,
  ensureDataDir,
  installSpec,
  openRuntime,
  openServingRuntime,
  type DataPaths,
  type ServingRuntime,
} from '../src/index';
import { ORIGIN, cookieOf } from './http-harness';
import { educationSpec } from './stack';

export type ServedRequest = (
  path: string,
  init?: RequestInit & { json?: unknown },
) => Response | Promise<Response>;

/**
 * The education workspace in `dataDir` served as `trellis start` serves it (read-only HTTP
 * thread, one writer thread), with an admin signed in: `request` is a same-origin call that
 * carries the admin's session cookie.
 */
export async function servedAsAdmin(
  dataDir: string,
): Promise<{ rt: ServingRuntime; request: ServedRequest; paths: DataPaths }> {
  const paths = ensureDataDir(dataDir);
  const setup = await openRuntime(paths);
  if (!(await installSpec(setup.store, educationSpec())).ok)
    throw new Error('the education template did not install');
  const admin = await createAdmin(setup.store, 'admin', 'pass-word-12');
  await setup.close();
  const rt = await openServingRuntime(paths, { server: { log: () => {} }, tickMs: 60_000 });
  let cookie = '';
  const request: ServedRequest = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    if (cookie) headers.set('cookie', cookie);
    headers.set('origin', ORIGIN);
    return rt.app.request(`${ORIGIN}${path}`, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
  };
  const login = await request('/api/v1/auth/login', {
    method: 'POST',
    json: { login: admin.login, password: admin.password },
  });
  if (login.status !== 200) throw new Error(`the admin could not sign in (${login.status})`);
  cookie = cookieOf(login);
  return { rt, request, paths };
}
