import { rolesLeavingNoUserManager } from '@trellis/engine';
import type { AppSpec } from '@trellis/spec';
import type { PublishOptions, PublishResult, Repos, Store, StoreIssue, Tx } from '@trellis/store';
import type { Locale } from '../http/locale';
import { message } from '../http/messages';

/**
 * The refusals of a publish whose roles leave no active person who can manage users (the
 * engine's `rolesLeavingNoUserManager`, over the directory as `on` reads it): one per role that
 * loses the right, under that role's capabilities (or `/roles` when the role is taken out).
 * Empty when the publish keeps someone.
 */
export async function managersLostBy(
  on: Repos,
  before: AppSpec | null,
  after: AppSpec,
  locale: Locale,
): Promise<StoreIssue[]> {
  const lost = rolesLeavingNoUserManager(before, after, await on.users.list());
  return lost.map((key) => {
    const at = (after.roles ?? []).findIndex((r) => r.key === key);
    const label: unknown = [...(after.roles ?? []), ...(before?.roles ?? [])].find(
      (r) => r.key === key,
    )?.label;
    const name =
      typeof label === 'string' ? label : (label as Record<string, string> | undefined)?.[locale];
    const role = name ? `${name} (${key})` : key;
    return {
      path: at < 0 ? '/roles' : `/roles/${at}/capabilities`,
      code: 'last_user_manager_role',
      message: message('last_user_manager_role', locale, { role }),
      params: { role: key },
    };
  });
}

/**
 * Runs `publish` (a publish, a restore, a template's install) in one transaction that refuses,
 * and rolls back, a new spec whose roles leave nobody active who can manage users. It holds the
 * directory's managers first (`users.holdManagers`, the lock every change of a person's role or
 * status takes), so a publish and a demotion at the same moment cannot together leave nobody.
 * Other refusals of `publish` (its `ok: false`) roll back as well and come back as they were.
 */
async function publishKeepingManagers(
  store: Store,
  locale: Locale,
  publish: (tx: Tx) => Promise<PublishResult<AppSpec>>,
): Promise<PublishResult<AppSpec>> {
  const refused: { result?: PublishResult<AppSpec> } = {};
  try {
    return await store.transaction(async (tx) => {
      delete refused.result;
      await tx.users.holdManagers();
      const before = (await tx.specs.live())?.spec ?? null;
      const result = await publish(tx);
      const errors = !result.ok
        ? null
        : result.unchanged
          ? []
          : await managersLostBy(tx, before, result.spec, locale);
      if (errors === null || errors.length > 0) {
        refused.result = errors === null ? result : { ok: false, errors };
        throw new Error('publish refused');
      }
      return result;
    });
  } catch (error) {
    if (refused.result) return refused.result;
    throw error;
  }
}

/** A publish as the API asks for it: the draft or a given spec, or an earlier version again. */
export type SpecPublish =
  | { restore?: undefined; opts: PublishOptions }
  | { restore: number; opts: Omit<PublishOptions, 'spec'> };

/** Publishes or restores through `publishKeepingManagers` (the API's and the writer's way). */
export function publishSpec(store: Store, request: SpecPublish): Promise<PublishResult<AppSpec>> {
  const locale = request.opts.locale === 'en' ? 'en' : 'zh-CN';
  return publishKeepingManagers(store, locale, (tx) =>
    request.restore === undefined
      ? tx.specs.publish(request.opts)
      : tx.specs.restore(request.restore, request.opts),
  );
}
