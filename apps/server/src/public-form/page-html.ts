import { localize } from '@trellis/spec';
import type { PublicFormPage } from '@trellis/rules';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
// JSON inside <script>: "</script>" and "<!--" must not end or open anything.
const escapeJson = (s: string) => s.replace(/</g, '\\u003c');

/** Longest stylesheet inlined into the page; a bigger one stays a link. */
const INLINE_CSS_MAX = 16 * 1024;

/**
 * The build's `form.html` with its stylesheets written into the page: a stylesheet holds the
 * first paint until it arrives, and on a phone's network each is a round trip (~400 ms on slow
 * 3G) before the prospect sees the form's title. `readAsset` gives a file of the build by its
 * path (`/assets/…`), or null.
 */
export function inlineStylesheets(
  template: string,
  readAsset: (path: string) => string | null,
): string {
  return template.replace(
    /<link rel="stylesheet"[^>]*href="(\/assets\/[^"]+\.css)"[^>]*>/g,
    (link, path: string) => {
      const css = readAsset(path);
      if (css === null || css.length > INLINE_CSS_MAX || css.includes('</')) return link;
      return `<style>${css}</style>`;
    },
  );
}

/**
 * The public form page: the web build's `form.html` with the form's title, its projection as
 * inert JSON for the page script, and the title and description painted before any script runs.
 */
export function formPageHtml(template: string, data: PublicFormPage): string {
  const { locale } = data;
  const title = localize(data.form.label, locale);
  const description = data.form.description ? localize(data.form.description, locale) : '';
  // The same markup the page script renders first, so nothing moves when it takes over.
  const shell =
    `<main class="tf-card"><div class="tf-topbar"></div>` +
    `<header class="tf-header"><h1 class="tf-title">${escapeHtml(title)}</h1>` +
    (description ? `<p class="tf-description">${escapeHtml(description)}</p>` : '') +
    `</header></main>`;
  const payload = escapeJson(JSON.stringify(data));
  return template
    .replace(/<html([^>]*)\blang="[^"]*"/, `<html$1lang="${locale}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)}</title>`)
    .replace(
      '<div id="root"></div>',
      `<div id="root">${shell}</div><script type="application/json" id="trellis-form">${payload}</script>`,
    )
    .replace('</head>', `<link rel="modulepreload" href="${data.validatorUrl}" /></head>`);
}
