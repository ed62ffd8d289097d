import { useEffect, useRef } from 'react';
import type { Locale } from '@trellis/rules';
import { pageMessage } from './messages';

/** After a submission: the form's success message, announced, with a way to fill another. */
export function ThankYou({
  message,
  locale,
  onAgain,
}: {
  message: string;
  locale: Locale;
  onAgain(): void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="tf-thanks" aria-live="polite">
      <svg className="tf-thanks-icon" viewBox="0 0 48 48" aria-hidden="true">
        <circle cx="24" cy="24" r="22" fill="#52c41a" />
        <path
          d="M14 24.5l7 7 13-14"
          stroke="#fff"
          strokeWidth="4"
          fill="none"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <h2 className="tf-thanks-title" tabIndex={-1} ref={heading}>
        {pageMessage(locale, 'thanksTitle')}
      </h2>
      <p className="tf-thanks-message">{message}</p>
      <button type="button" className="tf-link" onClick={onAgain}>
        {pageMessage(locale, 'again')}
      </button>
    </section>
  );
}
