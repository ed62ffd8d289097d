import type { Locale } from '@trellis/rules';

const TEXT: Record<Locale, { title: string; body: string }> = {
  'zh-CN': { title: '表单不存在', body: '这个表单不存在或已停用，请向发给你链接的人确认。' },
  en: {
    title: 'Form not found',
    body: 'This form does not exist or is no longer open. Please check with whoever sent you the link.',
  },
};

/** A small page for a public form link that leads nowhere (no script, no data). */
export function notFoundHtml(locale: Locale): string {
  const t = TEXT[locale];
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>${t.title}</title></head><body style="font-family: system-ui, sans-serif; max-width: 30rem; margin: 4rem auto; padding: 0 1rem; color: #1f1f1f"><h1 style="font-size: 1.25rem">${t.title}</h1><p>${t.body}</p></body></html>`;
}
