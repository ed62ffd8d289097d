/** What a builder tags a shared link with, so leads say where they came from. */
export type Tags = { source: string; campaign: string };

/** The public address of a form, with the UTM parameters a builder chose. */
export function formLink(origin: string, slug: string, tags: Tags): string {
  const url = new URL(`/f/${encodeURIComponent(slug)}`, origin);
  if (tags.source.trim()) url.searchParams.set('utm_source', tags.source.trim());
  if (tags.campaign.trim()) url.searchParams.set('utm_campaign', tags.campaign.trim());
  return url.toString();
}

/** The script tag for a school's own site (sizes the frame, passes the page's UTM on). */
export function scriptSnippet(origin: string, slug: string): string {
  return `<script src="${new URL(`/f/${encodeURIComponent(slug)}/embed.js`, origin).toString()}" async></script>`;
}

/** A plain iframe, for sites that do not allow scripts. */
export function frameSnippet(origin: string, slug: string, title: string): string {
  const src = new URL(`/f/${encodeURIComponent(slug)}`, origin);
  src.searchParams.set('embed', '1');
  const safeTitle = title.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<iframe src="${src.toString()}" title="${safeTitle}" style="width:100%;max-width:640px;height:760px;border:0" loading="lazy"></iframe>`;
}
