import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bigSpec } from '../../bench/big-form';
import { lightWidgets } from '../widgets/light/index';
import { RecordForm } from './RecordForm';

afterEach(cleanup);

// 40 fields: text, number, select, email and date in turn, every fifth (all text) required, every
// tenth shown only once the one before it has a value.
const spec = bigSpec(40);
const renderBig = (initialValues = {}) =>
  render(
    <RecordForm
      spec={spec}
      form="big"
      locale="en"
      widgets={lightWidgets}
      onSubmit={vi.fn()}
      initialValues={initialValues}
    />,
  );

describe('a form longer than the first screen', () => {
  it('mounts with the first screen of fields and renders the rest after the first frame', async () => {
    // jsdom's window is 1024 × 768: 9 rows of the light set's two columns, 18 fields that show
    // (Field 9 waits for Field 8 and takes no room), so Field 18 is the last one.
    expect([window.innerWidth, window.innerHeight]).toEqual([1024, 768]);
    renderBig();
    expect(screen.getByLabelText(/^Field 0\*?$/)).toBeTruthy();
    expect(screen.getByLabelText('Field 18')).toBeTruthy();
    expect(screen.queryByLabelText(/^Field 20\*?$/)).toBeNull();
    expect(screen.queryByLabelText(/^Field 25\*?$/)).toBeNull();
    expect(screen.queryByLabelText('Field 38')).toBeNull();
    expect(await screen.findByLabelText('Field 38')).toBeTruthy();
    expect(screen.getByLabelText(/^Field 25\*?$/)).toBeTruthy();
  });

  it('renders the rest at once when submitted before, and focuses the first error there', () => {
    // The required fields of the first screen are filled: the first error is Field 25's.
    renderBig({ f0: 'a', f5: 'a', f10: 'a', f15: 'a', f20: 'a' });
    expect(screen.queryByLabelText(/^Field 25\*?$/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    const first = screen.getByLabelText(/^Field 25\*?$/);
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(first);
  });
});
