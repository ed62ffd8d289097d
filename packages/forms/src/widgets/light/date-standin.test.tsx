import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '@trellis/rules';
import { formsApp } from '../../../test/fixture';
import { RecordForm } from '../../react/RecordForm';
import { lightWidgets } from './index';
import { nativeDatePattern } from './native-pattern';

afterEach(cleanup);

const renderLead = (locale: Locale, initialValues?: Record<string, unknown>) =>
  render(
    <RecordForm
      spec={formsApp}
      entity="lead"
      locale={locale}
      widgets={lightWidgets}
      onSubmit={vi.fn()}
      {...(initialValues ? { initialValues } : {})}
    />,
  );

// An empty date mounts as a text input (the native one is costly to create) and becomes the
// native date input, the same element, when focused or pressed. It shows what the native one
// will: the browser's pattern (jsdom's locale is en-US), in a form of either language.
describe('the light set’s date input', () => {
  it.each([
    ['en', 'Start date', 'mm/dd/yyyy'],
    ['zh-CN', '开课日期', 'mm/dd/yyyy'],
  ] as const)(
    'is a text input until used, then the native one in place (%s)',
    (locale, name, pattern) => {
      expect(new Intl.DateTimeFormat().resolvedOptions().locale).toBe('en-US');
      renderLead(locale);
      const input = screen.getByLabelText(name) as HTMLInputElement;
      expect(input.type).toBe('text');
      expect(input.placeholder).toBe(pattern);
      fireEvent.focus(input);
      const live = screen.getByLabelText(name) as HTMLInputElement;
      expect(live).toBe(input);
      expect(live.type).toBe('date');
      fireEvent.change(live, { target: { value: '2026-03-01' } });
      expect(live.value).toBe('2026-03-01');
    },
  );

  it('becomes native on a press, before the click lands', () => {
    renderLead('en');
    const input = screen.getByLabelText('Start date') as HTMLInputElement;
    fireEvent.pointerDown(input);
    expect(input.type).toBe('date');
  });

  it('is native at once when it holds a date', () => {
    renderLead('en', { startDate: '2026-03-01' });
    const input = screen.getByLabelText('Start date') as HTMLInputElement;
    expect(input.type).toBe('date');
    expect(input.value).toBe('2026-03-01');
  });
});

describe('the pattern an empty native date input shows', () => {
  // Chromium's own: its order and separators in the browser's locale, its parts named 年 月 日
  // in Chinese, and the time's parts as dashes (with AM/PM where the locale uses it).
  it.each([
    ['en-US', 'mm/dd/yyyy', 'mm/dd/yyyy, --:-- --'],
    ['en-GB', 'dd/mm/yyyy', 'dd/mm/yyyy, --:--'],
    ['zh-CN', '年/月/日', '年/月/日 --:--'],
    ['de-DE', 'dd.mm.yyyy', 'dd.mm.yyyy, --:--'],
  ])('in a %s browser', (browser, date, datetime) => {
    expect(nativeDatePattern(false, browser)).toBe(date);
    expect(nativeDatePattern(true, browser)).toBe(datetime);
  });
});
