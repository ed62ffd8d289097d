import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '@trellis/rules';
import { formsApp } from '../../../test/fixture';
import { RecordForm } from '../../react/RecordForm';
import { lightWidgets } from './index';

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
// native date input, the same element, when focused or pressed.
describe('the light set’s date input', () => {
  it.each([
    ['en', 'Start date', 'mm/dd/yyyy'],
    ['zh-CN', '开课日期', '年/月/日'],
  ] as const)(
    'is a text input until used, then the native one in place (%s)',
    (locale, name, pattern) => {
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
