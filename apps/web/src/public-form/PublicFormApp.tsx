import { useCallback, useMemo, useState } from 'react';
import {
  lightWidgets,
  RecordFormView,
  type FormServices,
  type SubmitHandler,
} from '@trellis/forms';
import { localized, type Locale } from '@trellis/rules';
import type { LoadedForm } from './load';
import { LocaleSwitch } from './LocaleSwitch';
import { pageMessage } from './messages';
import { attribution, newIdempotencyKey, postAnswers } from './submit';
import { ThankYou } from './ThankYou';

/** The public form page: the form's title and help, the form, then the thank-you page. */
export function PublicFormApp({
  form,
  initialLocale,
}: {
  form: LoadedForm;
  initialLocale: Locale;
}) {
  const { data, runtime } = form;
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [done, setDone] = useState<string | null>(null);
  // One key per filling: a double tap or a retry after a dropped connection is the same submission.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [honeypot, setHoneypot] = useState('');
  const services = useMemo<FormServices>(() => ({ loadRegions: form.loadRegions }), [form]);

  const onSubmit = useCallback<SubmitHandler>(
    async (values) => {
      const result = await postAnswers({
        url: data.submitUrl,
        values,
        extra: { ...attribution(window.location, document.referrer), [data.honeypot]: honeypot },
        idempotencyKey,
        locale,
      });
      if (!result.ok) return { errors: result.errors };
      if (result.redirectUrl) window.location.assign(result.redirectUrl);
      const message = result.message ?? localized(data.form.successMessage, locale, '');
      setDone(message || pageMessage(locale, 'thanksDefault'));
      return undefined;
    },
    [data, honeypot, idempotencyKey, locale],
  );

  const switchLocale = (next: Locale) => {
    setLocale(next);
    document.documentElement.lang = next;
    document.title = localized(data.form.label, next, document.title);
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next);
    window.history.replaceState(null, '', url);
  };

  const title = localized(data.form.label, locale, '');
  const description = data.form.description ? localized(data.form.description, locale, '') : '';
  return (
    <main className="tf-card">
      <div className="tf-topbar">
        <LocaleSwitch locale={locale} locales={data.locales} onChange={switchLocale} />
      </div>
      <header className="tf-header">
        <h1 className="tf-title">{title}</h1>
        {description && !done && <p className="tf-description">{description}</p>}
      </header>
      {done ? (
        <ThankYou
          message={done}
          locale={locale}
          onAgain={() => {
            setIdempotencyKey(newIdempotencyKey());
            setDone(null);
          }}
        />
      ) : (
        <RecordFormView
          runtime={runtime}
          widgets={lightWidgets}
          locale={locale}
          services={services}
          onSubmit={onSubmit}
          submitLabel={
            data.form.submitLabel ? localized(data.form.submitLabel, locale, '') : undefined
          }
          ariaLabel={title}
          draftKey={runtime.layout.placements.length >= 8 ? `f:${data.form.slug}` : undefined}
          footer={
            <input
              className="tf-honeypot"
              type="text"
              name={data.honeypot}
              tabIndex={-1}
              autoComplete="off"
              aria-hidden="true"
              aria-label={pageMessage(locale, 'honeypot')}
              value={honeypot}
              onChange={(e) => setHoneypot(e.target.value)}
            />
          }
        />
      )}
    </main>
  );
}
