import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession } from './harness/api-session';
import { PHONE, DESKTOP, shot, signIn } from './harness/browser';
import { inBuilderBrowser } from './harness/builder-browser';
import type { BuilderLang } from './harness/builder-steps';
import { discardDraft } from './harness/draft';
import { startTrellis, type RunningTrellis } from './harness/trellis';

type Role = { key: string; capabilities?: string[] };
type Spec = { roles: Role[] };

// This file publishes roles and deactivates the admin: a demo server of its own.
let server: RunningTrellis;
let granted: Spec;
beforeAll(async () => {
  server = await startTrellis();
  const admin = await apiSession(server, server.login('admin').login);
  // Managers manage users and build; then the admin leaves, so the managers are the last ones.
  const live = await admin<{ spec: Spec }>('GET', '/api/v1/spec');
  granted = withManagerRights(live.spec, ['manageUsers', 'build']);
  await admin('POST', '/api/v1/spec/publish', { spec: granted });
  const me = await admin<{ user: { id: string } }>('GET', '/api/v1/me');
  await admin('PATCH', `/api/v1/users/${me.user.id}`, { status: 'disabled' });
}, 180_000);
afterAll(() => server?.stop());

function withManagerRights(spec: Spec, rights: string[]): Spec {
  const next = structuredClone(spec);
  const manager = next.roles.find((r) => r.key === 'manager')!;
  const kept = (manager.capabilities ?? []).filter((c) => c !== 'manageUsers' && c !== 'build');
  manager.capabilities = [...kept, ...rights];
  return next;
}

const TEXT = {
  publish: { 'zh-CN': '发布…', en: 'Publish…' },
  problems: { 'zh-CN': '发布前需要修正 1 个问题', en: '1 problem must be fixed before publishing' },
  refused: {
    'zh-CN': '发布后将没有在职人员能管理用户：角色 管理层 (manager) 不再拥有“用户管理”',
    en: 'After this publish nobody active could manage users: the role Management (manager) no longer has the Users right',
  },
  confirm: { 'zh-CN': /^发\s?布$/, en: /^Publish$/ },
} as const;

describe('the builder will not publish roles that leave nobody able to manage users', () => {
  for (const [lang, viewport, width] of [
    ['zh-CN', DESKTOP, 'desktop'],
    ['en', DESKTOP, 'desktop'],
    ['zh-CN', PHONE, 'phone'],
    ['en', PHONE, 'phone'],
  ] as const)
    it(`${lang} ${width}: says which role loses the right, next to Publish, and publishes nothing`, async () => {
      const name = `builder-last-user-manager-${lang}-${width}`;
      await inBuilderBrowser(
        name,
        { locale: lang as BuilderLang, viewport, cleanUp: discardDraft },
        async (page) => {
          const manager = server.login('manager');
          await signIn(page, server.url, manager.login, manager.password);
          await discardDraft(page);
          // The manager takes the right away from their own role in the draft.
          const saved = await page.evaluate(
            async (spec) => {
              const res = await fetch('/api/v1/spec/draft', {
                method: 'PUT',
                headers: { 'content-type': 'application/json', 'if-match': '"0"' },
                body: JSON.stringify(spec),
              });
              return res.status;
            },
            withManagerRights(granted, ['build']),
          );
          expect(saved).toBe(200);
          await page.goto(`${server.url}/builder/roles`);
          await page.getByRole('button', { name: TEXT.publish[lang], exact: true }).click();
          const dialog = page.getByRole('dialog');
          await dialog.getByText(TEXT.problems[lang]).waitFor();
          await dialog.getByText(TEXT.refused[lang]).waitFor();
          // Nothing to confirm: the publish button of the dialog stays off.
          expect(await dialog.getByRole('button', { name: TEXT.confirm[lang] }).isDisabled()).toBe(
            true,
          );
          await shot(page, name);
          const live = await page.evaluate(async () => {
            const res = await fetch('/api/v1/spec');
            return ((await res.json()) as { version: number }).version;
          });
          expect(live).toBe(2);
          // Published anyway (a script, a stale page): the writer thread refuses it too.
          const refused = await page.evaluate(async () => {
            const res = await fetch('/api/v1/spec/publish', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            });
            const body = (await res.json()) as { errors?: { code: string }[] };
            return { status: res.status, codes: (body.errors ?? []).map((e) => e.code) };
          });
          expect(refused).toEqual({ status: 422, codes: ['last_user_manager_role'] });
          expect(page.pageErrors).toEqual([]);
        },
      );
    }, 120_000);
});
