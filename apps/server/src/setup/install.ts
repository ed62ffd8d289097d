import type { Store } from '@trellis/store';
import { ADMIN_ROLE } from '@trellis/engine';
import { generatePassword, hashPassword } from '../auth/password';
import { usersRepo } from '../auth/users';

export type InstallIssue = { path: string; code: string; message: string };

/**
 * Installs a template's spec through the normal publish path (validate, diff, plan, apply).
 * Installing over an existing spec publishes a new version; existing data is kept.
 */
export async function installSpec(
  store: Store,
  spec: unknown,
  opts: { note?: string; locale?: 'zh-CN' | 'en'; outboundAllow?: string } = {},
): Promise<{ ok: true; version: number } | { ok: false; errors: InstallIssue[] }> {
  const result = await store.specs.publish({
    spec,
    note: opts.note ?? null,
    locale: opts.locale ?? 'zh-CN',
    // Internal automation targets the operator allows (TRELLIS_OUTBOUND_ALLOW).
    ...(opts.outboundAllow ? { outboundAllow: opts.outboundAllow } : {}),
  });
  return result.ok
    ? { ok: true, version: result.version }
    : {
        ok: false,
        errors: result.errors.map((e) => ({ path: e.path, code: e.code, message: e.message })),
      };
}

/** Creates the first admin with a generated password (returned once, stored as a scrypt hash). */
export async function createAdmin(
  store: Store,
  login = 'admin',
  password = generatePassword(),
): Promise<{ login: string; password: string; id: string }> {
  const id = await usersRepo(store).insert(
    { login, name: login, passwordHash: await hashPassword(password), role: ADMIN_ROLE },
    Date.now(),
  );
  return { login, password, id };
}
