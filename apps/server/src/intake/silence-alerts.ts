import { parseDuration } from '@trellis/logic';
import { ADMIN_ROLE, TEXTS_KEY } from '@trellis/engine';
import type { AppSpec, LocaleMap } from '@trellis/spec';
import { localize } from '@trellis/spec';
import type { IntakeReason, Store } from '@trellis/store';
import { newId } from '@trellis/store';

type Source = { kind: 'form' | 'webhook'; key: string; label: LocaleMap; alertAfterMs: number };

/** Intake sources that promise leads: webhook sources and public forms with `alertAfter`. */
function watchedSources(spec: AppSpec): Source[] {
  const out: Source[] = [];
  for (const w of spec.webhookSources ?? []) {
    const ms = w.alertAfter ? parseDuration(w.alertAfter) : null;
    if (ms) out.push({ kind: 'webhook', key: w.key, label: w.label, alertAfterMs: ms });
  }
  for (const f of spec.forms ?? []) {
    const ms = f.public && f.alertAfter ? parseDuration(f.alertAfter) : null;
    if (ms) out.push({ kind: 'form', key: f.key, label: f.label, alertAfterMs: ms });
  }
  return out;
}

/** Active users who manage intake: admins and roles with `manageIntake` or `build`. */
async function intakeManagers(
  store: Store,
  spec: AppSpec,
): Promise<{ id: string; locale: string }[]> {
  const roles = [
    ADMIN_ROLE,
    ...(spec.roles ?? [])
      .filter((r) => r.capabilities?.some((c) => c === 'manageIntake' || c === 'build'))
      .map((r) => r.key),
  ];
  const users = await store.users.withRoles(roles, 'active');
  return users.map((u) => ({ id: u.id, locale: u.locale ?? spec.defaultLocale ?? 'zh-CN' }));
}

const wholeHours = (ms: number) => Math.floor(ms / 3_600_000);
/** A time as people read it, in the server's time zone. */
const readable = (at: number, zh: boolean) =>
  new Date(at).toLocaleString(zh ? 'zh-CN' : 'en-GB', { hour12: false });

/**
 * Seed 003: an ad platform kept reporting conversions while the CRM received nothing for 72
 * hours, and nobody noticed. A source with `alertAfter` that has brought leads before and then
 * none for that long raises one in-app notification per intake manager, with the last failure
 * (a bad token, a payload that maps to nothing) when there is one. It alerts once per silence:
 * the next lead through the source re-arms it. Returns the keys of the sources alerted now.
 */
export async function alertSilentSources(
  store: Store,
  spec: AppSpec | null,
  now: number,
): Promise<string[]> {
  if (!spec) return [];
  const sources = watchedSources(spec);
  if (sources.length === 0) return [];
  const alerted: string[] = [];
  for (const source of sources) {
    const ok = await store.intakeLog.last(source.kind, source.key, ['accepted', 'merged']);
    const last = ok?.at ?? null;
    // A source that never brought a lead has not started yet: nothing to miss.
    if (last === null || now - last < source.alertAfterMs) continue;
    const stateKey = `intake-silence:${source.kind}:${source.key}`;
    if ((await store.scheduler.get(stateKey))?.lastFiredAt === last) continue;
    const failure = await store.intakeLog.last(
      source.kind,
      source.key,
      ['rejected', 'unauthorized'],
      last,
    );
    const reason: IntakeReason | null = failure?.reasons?.[0] ?? null;
    const managers = await intakeManagers(store, spec);
    await store.transaction(async (tx) => {
      const message = (zh: boolean) => {
        const name = localize(source.label, zh ? 'zh-CN' : 'en');
        const hours = wholeHours(now - last);
        const title = zh
          ? `线索来源“${name}”已 ${hours} 小时没有新线索`
          : `No leads from "${name}" for ${hours} hours`;
        const lines = [
          zh ? `最后一条线索：${readable(last, true)}` : `Last lead: ${readable(last, false)}`,
        ];
        if (failure)
          lines.push(
            zh
              ? `之后的请求被拒绝（HTTP ${failure.httpStatus}${reason ? `：${reason.message || reason.code}` : ''}），请检查来源的配置或密钥。`
              : `Requests since then were refused (HTTP ${failure.httpStatus}${reason ? `: ${reason.message || reason.code}` : ''}); check the source's setup or secret.`,
          );
        else
          lines.push(
            zh
              ? '之后没有收到任何请求，请检查投放平台或表单页面。'
              : 'No request arrived since; check the ad platform or the form page.',
          );
        return { title, body: lines.join('\n') };
      };
      // Read in the reader's language when they open it (engine: redaction/localized-texts).
      const texts = { 'zh-CN': message(true), en: message(false) };
      for (const user of managers) {
        const { title, body } = texts[user.locale === 'en' ? 'en' : 'zh-CN'];
        await tx.notifications.insert({
          id: newId(),
          userId: user.id,
          kind: 'intake.silent',
          title,
          body,
          entity: null,
          recordId: null,
          payload: {
            source: source.key,
            kind: source.kind,
            lastSuccessAt: last,
            [TEXTS_KEY]: texts,
          },
          createdAt: now,
        });
      }
      await tx.scheduler.fired(stateKey, last, now);
    });
    alerted.push(source.key);
  }
  return alerted;
}
