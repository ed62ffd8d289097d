import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formsApp } from '../../../test/fixture';
import { RecordForm } from '../../react/RecordForm';
import { lightWidgets } from './index';

afterEach(cleanup);

describe('light field frames', () => {
  // The box a far field skips (`content-visibility: auto`) must not be the fieldset: Chromium
  // laid out every skipped fieldset of the grid again on each keystroke anywhere in the form
  // (the bench's 1,000-field form: about 5 ms of layout per keystroke against 2 with divs).
  it('frame a group of radios as a fieldset named by its legend, inside the field box', () => {
    render(
      <RecordForm
        spec={formsApp}
        entity="lead"
        locale="en"
        widgets={lightWidgets}
        onSubmit={() => undefined}
      />,
    );
    const group = screen.getByRole('group', { name: 'Course' });
    expect(group.tagName).toBe('FIELDSET');
    expect(group.querySelector(':scope > legend')?.textContent).toBe('Course');
    expect(screen.getByRole('radio', { name: 'Python' })).toBeTruthy();
    const box = group.closest('[data-tf-field]');
    expect(box?.tagName).toBe('DIV');
    expect(box).not.toBe(group);
    expect(document.querySelector('fieldset[data-tf-field]')).toBeNull();
  });
});
