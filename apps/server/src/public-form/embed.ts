/**
 * The embed script a school pastes into its own site:
 * `<script src="https://crm.example.com/f/apply/embed.js" async></script>` puts the form in an
 * iframe where the script tag stands, passes the host page's UTM parameters and address on,
 * and grows the frame with the form (the page posts its height).
 */
export function embedScript(origin: string, slug: string): string {
  const base = JSON.stringify(`${origin}/f/${slug}`);
  const source = JSON.stringify(origin);
  return `(function () {
  var script = document.currentScript;
  var url = new URL(${base});
  var here = new URLSearchParams(location.search);
  ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content', 'utm_term', 'lang'].forEach(function (k) {
    if (here.get(k)) url.searchParams.set(k, here.get(k));
  });
  url.searchParams.set('embed', '1');
  url.searchParams.set('landing_url', location.href);
  if (document.referrer) url.searchParams.set('referrer', document.referrer);
  var frame = document.createElement('iframe');
  frame.src = url.toString();
  frame.title = ${JSON.stringify(slug)};
  frame.loading = 'lazy';
  frame.style.cssText = 'width:100%;max-width:640px;border:0;height:720px;display:block;';
  script.parentNode.insertBefore(frame, script);
  window.addEventListener('message', function (e) {
    if (e.origin === ${source} && e.source === frame.contentWindow && e.data && e.data.trellisFormHeight)
      frame.style.height = Math.ceil(e.data.trellisFormHeight) + 'px';
  });
})();
`;
}
