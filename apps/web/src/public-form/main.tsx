import { createRoot } from 'react-dom/client';
import { resolveLocale } from '@trellis/rules';
import { loadForm, readPageData } from './load';
import { pageMessage } from './messages';
import { PublicFormApp } from './PublicFormApp';
import { reportHeight } from './embed';
import './public-form.css';

// The public form page (GET /f/<slug>): its own small bundle, no router, data library or
// component library. The server inlines the form; the title is already painted.
const root = document.getElementById('root')!;
const data = readPageData(document);
const locale = resolveLocale(data?.locale ?? navigator.language);

if (!data) {
  root.innerHTML = `<p class="tf-load-error">${pageMessage(locale, 'loadFailed')}</p>`;
} else {
  loadForm(data)
    .then((form) => {
      createRoot(root).render(<PublicFormApp form={form} initialLocale={locale} />);
      if (new URLSearchParams(window.location.search).get('embed') === '1') reportHeight(root);
    })
    .catch(() => {
      root.insertAdjacentHTML(
        'beforeend',
        `<p class="tf-load-error" role="alert">${pageMessage(locale, 'loadFailed')}</p>`,
      );
    });
}
