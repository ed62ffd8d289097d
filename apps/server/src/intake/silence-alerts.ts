import { parseDuration } from '@trellis/logic';
import { ADMIN_ROLE } from '@trellis/engine';
import type { AppSpec, LocaleMap } from '@trellis/spec';
import { localize } from '@trellis/spec';
import type { StoreDb } from '@trellis/store';
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
function intakeManagers(db: StoreDb, spec: AppSpec): { id: string; locale: string }[] {
  const roles = new Set([
    ADMIN_ROLE,
    ...(spec.roles ?? [])
      .filter((r) => r.capabilities?.some((c) => c === 'manageIntake' || c === 'build'))
      .map((r) => r.key),
  ]);
  const users = db.sqlite
    .prepare("SELECT id, role, locale FROM users WHERE status = 'active'")
    .all() as { id: string; role: string; locale: string | null }[];
  return users
    .filter((u) => roles.has(u.role))
    .map((u) => ({ id: u.id, locale: u.locale ?? spec.defaultLocale ?? 'zh-CN' }));
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
export function alertSilentSources(db: StoreDb, spec: AppSpec | null, now: number): string[] {
  if (!spec) return [];
  const sources = watchedSources(spec);
  if (sources.length === 0) return [];
  const s = db.sqlite;
  const lastOk = s.prepare(
    "SELECT max(at) AS at FROM intake_log WHERE kind = ? AND source_key = ? AND status IN ('accepted', 'merged')",
  );
  const lastFail = s.prepare(
    "SELECT http_status AS httpStatus, reasons FROM intake_log WHERE kind = ? AND source_key = ? AND status IN ('rejected', 'unauthorized') AND at > ? ORDER BY at DESC LIMIT 1",
  );
  const stateGet = s.prepare(
    'SELECT last_fired_at AS alertedFor FROM scheduler_state WHERE key = ?',
  );
  const stateSet = s.prepare(
    'INSERT INTO scheduler_state (key, last_fired_at, next_due_at, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT (key) DO UPDATE SET last_fired_at = excluded.last_fired_at, updated_at = excluded.updated_at',
  );
  const notify = s.prepare(
    'INSERT INTO notifications (id, user_id, kind, title, body, entity, record_id, payload, created_at) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)',
  );
  const alerted: string[] = [];
  for (const source of sources) {
    const last = (lastOk.get(source.kind, source.key) as { at: number | null }).at;
    // A source that never brought a lead has not started yet: nothing to miss.
    if (last === null || now - last < source.alertAfterMs) continue;
    const stateKey = `intake-silence:${source.kind}:${source.key}`;
    if ((stateGet.get(stateKey) as { alertedFor: number | null } | undefined)?.alertedFor === last)
      continue;
    const failure = lastFail.get(source.kind, source.key, last) as
      { httpStatus: number; reasons: string | null } | undefined;
    const reason = failure
      ? ((JSON.parse(failure.reasons ?? '[]') as { message?: string; code?: string }[])[0] ?? null)
      : null;
    db.transaction(() => {
      for (const user of intakeManagers(db, spec)) {
        const zh = user.locale !== 'en';
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
              ? `之后的请求被拒绝（HTTP ${failure.httpStatus}${reason ? `：${reason.message ?? reason.code}` : ''}），请检查来源的配置或密钥。`
              : `Requests since then were refused (HTTP ${failure.httpStatus}${reason ? `: ${reason.message ?? reason.code}` : ''}); check the source's setup or secret.`,
          );
        else
          lines.push(
            zh
              ? '之后没有收到任何请求，请检查投放平台或表单页面。'
              : 'No request arrived since; check the ad platform or the form page.',
          );
        notify.run(
          newId(),
          user.id,
          'intake.silent',
          title,
          lines.join('\n'),
          JSON.stringify({ source: source.key, kind: source.kind, lastSuccessAt: last }),
          now,
        );
      }
      stateSet.run(stateKey, last, now);
    });
    alerted.push(source.key);
  }
  return alerted;
}
