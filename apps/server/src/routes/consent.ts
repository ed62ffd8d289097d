import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { DEFAULT_TIMEZONE, type ConsentView } from '@trellis/engine';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { engineProblem } from '../http/engine-result';
import { localeOf } from '../http/problem';
import type { AppEnv } from '../types';

type Locale = 'zh-CN' | 'en';

// Without a data directory's secret key (tests, in-memory) links live as long as the process.
const fallbackKey = randomBytes(32);

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** `<handoverId>.<expiresAt>.<hmac>`: the link names the handover and its end, signed. */
function signConsent(key: Buffer, handoverId: string, expiresAt: number): string {
  const body = `${b64(handoverId)}.${expiresAt}`;
  return `${body}.${b64(createHmac('sha256', key).update(body).digest())}`;
}

/** The handover of a well-signed link, else null (a forged or altered link says nothing). */
function verifyConsent(key: Buffer, token: string): string | null {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 400) return null;
  const [id, at, mac] = parts as [string, string, string];
  const want = createHmac('sha256', key).update(`${id}.${at}`).digest();
  const got = Buffer.from(mac, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  return Buffer.from(id, 'base64url').toString('utf8');
}

const TEXT = {
  title: { 'zh-CN': '同意交接', en: 'Agree to the handover' },
  ask: {
    'zh-CN':
      '{title}：接下来由 {to} 为您服务。是否同意把历史沟通记录、偏好和未完成的承诺同步给新负责人？',
    en: '{title}: {to} will look after you from now on. Do you agree that your history, preferences and open promises pass to them?',
  },
  agree: { 'zh-CN': '同意', en: 'I agree' },
  agreed: { 'zh-CN': '谢谢，已记录您的同意。', en: 'Thank you, your consent is recorded.' },
  expired: {
    'zh-CN': '这个链接已过期，请联系您的对接人重新发送。',
    en: 'This link has expired; ask your contact to send a new one.',
  },
  until: { 'zh-CN': '链接有效期至 {at}', en: 'Valid until {at}' },
  missing: { 'zh-CN': '链接无效。', en: 'This link is not valid.' },
} as const;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fill = (s: string, p: Record<string, string>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => p[k] ?? '');

/** The public consent page: phone-first, no script, the customer's language. */
function page(locale: Locale, body: string): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(TEXT.title[locale])}</title><style>body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f8;color:#1f2329}main{max-width:480px;margin:0 auto;padding:24px 16px}.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 12px}button{width:100%;min-height:48px;font-size:17px;border:0;border-radius:8px;background:#1677ff;color:#fff;margin-top:16px}.muted{color:#646a73;font-size:14px}</style></head><body><main><div class="card"><h1>${esc(TEXT.title[locale])}</h1>${body}</div></main></body></html>`;
}

function render(locale: Locale, token: string, v: ConsentView | null): string {
  if (!v) return page(locale, `<p>${esc(TEXT.missing[locale])}</p>`);
  if (v.status === 'agreed') return page(locale, `<p>${esc(TEXT.agreed[locale])}</p>`);
  if (v.status === 'expired') return page(locale, `<p>${esc(TEXT.expired[locale])}</p>`);
  const at = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: DEFAULT_TIMEZONE,
  }).format(new Date(v.expiresAt));
  return page(
    locale,
    `<p>${esc(fill(TEXT.ask[locale], { title: v.title, to: v.toName }))}</p><form method="post" action="/consent/${esc(token)}?lang=${locale}"><button type="submit">${esc(TEXT.agree[locale])}</button></form><p class="muted">${esc(fill(TEXT.until[locale], { at }))}</p>`,
  );
}

/**
 * The customer consent link (seed 003 “客户授权快链”): a handover's owner opens a signed link
 * valid for the entity's `handover.consentValid`; the customer opens it on their phone and
 * agrees; consent or expiry shows on the record's timeline.
 */
export function registerConsentRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const key = () => ctx.options.secretKey ?? fallbackKey;
  const localeFor = (c: Context<AppEnv>): Locale => {
    const q = c.req.query('lang');
    return q === 'en' || q === 'zh-CN' ? q : localeOf(c);
  };

  app.post('/api/v1/handovers/:id/consent', async (c) => {
    const actor = requireActor(c);
    const r = await ctx.engine.ownership.openConsent(c.req.param('id'), {
      actor,
      locale: localeOf(c),
    });
    if (!r.ok) throw engineProblem(r.error);
    const token = signConsent(key(), r.handoverId, r.expiresAt);
    return c.json({ url: `/consent/${token}`, expiresAt: r.expiresAt });
  });

  const answer = async (c: Context<AppEnv>, agree: boolean) => {
    const token = c.req.param('token') ?? '';
    const locale = localeFor(c);
    const id = verifyConsent(key(), token);
    const r = id
      ? await (agree ? ctx.engine.ownership.agreeConsent(id) : ctx.engine.ownership.consentView(id))
      : null;
    const view = r && r.ok ? r : null;
    return c.html(render(locale, token, view), view ? 200 : 404, { 'cache-control': 'no-store' });
  };
  app.get('/consent/:token', (c) => answer(c, false));
  app.post('/consent/:token', (c) => answer(c, true));
}
