import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formsApp } from '../../../test/fixture';
import { RecordForm } from '../../react/RecordForm';
import { lightWidgets } from './index';

afterEach(cleanup);

/** The choices (labels) that carry the chosen mark light.css draws in blue. */
const marked = () =>
  [...document.querySelectorAll('.tf-choice[data-checked]')].map((l) => l.textContent);

// The chosen radio or checkbox's box is drawn by its mark (`data-checked`), set by the widget from
// the value, not by `:has(input:checked)` (a costly selector): the mark must follow the value.
describe('the light set’s choices', () => {
  it('mark the chosen radio and the checked boxes, and follow each change', async () => {
    render(
      <RecordForm
        spec={formsApp}
        entity="lead"
        locale="en"
        widgets={lightWidgets}
        onSubmit={vi.fn()}
        initialValues={{ course: 'design' }}
      />,
    );
    expect(marked()).toEqual(['Design']);
    fireEvent.click(screen.getByLabelText('Python'));
    expect(marked()).toEqual(['Python']);
    // Past the first screen (jsdom's window): rendered in a task after the first frame.
    fireEvent.click(await screen.findByLabelText('Parent'));
    fireEvent.click(screen.getByLabelText('Hot'));
    expect(marked()).toEqual(['Python', 'Hot', 'Parent']);
    fireEvent.click(screen.getByLabelText('Parent'));
    expect(marked()).toEqual(['Python', 'Hot']);
  });
});
