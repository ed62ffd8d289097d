import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordData } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import { runtimeFor } from '../core/spec-cache';
import { formsApp } from '../../test/fixture';
import { lightWidgets } from '../widgets/light/index';
import { RecordForm } from './RecordForm';
import type { WidgetProps, WidgetSet } from './widget-types';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const now = () => Date.UTC(2026, 0, 5);

function renderForm(onSubmit = vi.fn(), extra: Partial<Parameters<typeof RecordForm>[0]> = {}) {
  render(
    <RecordForm
      spec={formsApp}
      form="apply"
      locale="en"
      widgets={lightWidgets}
      onSubmit={onSubmit}
      now={now}
      {...extra}
    />,
  );
  return onSubmit;
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Submit' }));

describe('RecordForm', () => {
  it('shows a conditional field only while its condition holds, and never submits it hidden', async () => {
    const onSubmit = renderForm();
    expect(screen.queryByLabelText(/^Budget\*?$/)).toBeNull();
    fireEvent.click(screen.getByLabelText('Python'));
    expect(screen.getByLabelText(/^Budget\*?$/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Budget\*?$/), { target: { value: '1,999.50' } });
    // The formula reads the budget live, in fen divided by 100.
    expect(screen.getByText('1,999.5')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Design'));
    expect(screen.queryByLabelText(/^Budget\*?$/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/^Phone\*?$/), { target: { value: '138 0013 8000' } });
    fireEvent.change(screen.getByLabelText(/^Name\*?$/), { target: { value: ' Li Lei ' } });
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      phone: '+8613800138000',
      name: 'Li Lei',
      course: 'design',
    });
  });

  it('shows a stored number as people read it, keeps what is typed, and sends it unchanged', async () => {
    const onSubmit = renderForm(vi.fn(), {
      initialValues: { name: 'Li Lei', phone: '+8613800138000', course: 'design' },
    });
    const phone = screen.getByLabelText(/^Phone\*?$/) as HTMLInputElement;
    expect(phone.value).toBe('138 0013 8000');
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ phone: '+8613800138000' });
    // Typing shows exactly the keys pressed (no reformatting under the caret) ...
    fireEvent.change(phone, { target: { value: '+86 139 0013 9' } });
    expect(phone.value).toBe('+86 139 0013 9');
    fireEvent.change(phone, { target: { value: '+86 139 0013 9000' } });
    expect(phone.value).toBe('+86 139 0013 9000');
    // ... and what is sent is the stored form of it.
    submit();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    expect(onSubmit.mock.calls[1]![0]).toMatchObject({ phone: '+8613900139000' });
  });

  it('puts each error at its field, marks it invalid and focuses the first one', async () => {
    const onSubmit = renderForm();
    fireEvent.click(screen.getByLabelText('Python'));
    fireEvent.change(screen.getByLabelText(/^Phone\*?$/), { target: { value: '12345' } });
    submit();
    const phone = screen.getByLabelText(/^Phone\*?$/);
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(onSubmit).not.toHaveBeenCalled();
    const described = phone.getAttribute('aria-describedby')!.split(' ');
    const texts = described.map((id) => document.getElementById(id)?.textContent);
    expect(texts).toContain('"Phone" is not a valid phone number');
    expect(document.activeElement).toBe(phone);
    expect(screen.getByText('"Name" is required')).toBeTruthy();
    expect(screen.getByText('"Budget" is required here')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Fields to fix (3)');
  });

  it('after a refused submit, checks a field again as it changes and leaves the others alone', async () => {
    renderForm();
    submit();
    await screen.findByText('"Phone" is required');
    fireEvent.change(screen.getByLabelText(/^Phone\*?$/), { target: { value: '12345' } });
    expect(screen.getByText('"Phone" is not a valid phone number')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/^Phone\*?$/), { target: { value: '138 0013 8000' } });
    expect(screen.queryByText('"Phone" is not a valid phone number')).toBeNull();
    expect(screen.getByLabelText(/^Phone\*?$/).getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByText('"Name" is required')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Fields to fix (1)');
  });

  it('speaks Chinese with zh-CN', async () => {
    render(
      <RecordForm
        spec={formsApp}
        form="apply"
        locale="zh-CN"
        widgets={lightWidgets}
        onSubmit={vi.fn()}
        now={now}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: '提交' }));
    await screen.findByText('“手机”为必填项');
  });

  it('places the server errors of a refused submit on their fields, the rest above the button', async () => {
    const onSubmit = vi.fn(async () => ({
      errors: [
        { path: '/phone', code: 'duplicate', message: '"Phone" matches an existing lead' },
        { path: '/owner', code: 'x', message: 'No advisor is free' },
      ],
    }));
    renderForm(onSubmit);
    fireEvent.change(screen.getByLabelText(/^Phone\*?$/), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByLabelText(/^Name\*?$/), { target: { value: 'Li' } });
    submit();
    await screen.findByText('"Phone" matches an existing lead');
    expect(screen.getByLabelText(/^Phone\*?$/).getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText(/^Phone\*?$/));
    expect(screen.getByText('No advisor is free')).toBeTruthy();
    // Typing elsewhere keeps the server's word on the phone until the phone changes.
    fireEvent.change(screen.getByLabelText(/^Name\*?$/), { target: { value: 'Li Lei' } });
    expect(screen.getByText('"Phone" matches an existing lead')).toBeTruthy();
  });

  it('says a refusal that names no field as itself, without pointing at fields marked in red', async () => {
    const onSubmit = vi.fn(async () => ({
      errors: [{ path: '', code: 'forbidden', message: 'You are not allowed to do this.' }],
    }));
    renderForm(onSubmit);
    fireEvent.change(screen.getByLabelText(/^Phone\*?$/), { target: { value: '13800138000' } });
    fireEvent.change(screen.getByLabelText(/^Name\*?$/), { target: { value: 'Li' } });
    submit();
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toBe('You are not allowed to do this.'));
    expect(alert.textContent).not.toContain('Fields to fix');
    expect(screen.getByLabelText(/^Phone\*?$/).getAttribute('aria-invalid')).toBeNull();
  });

  it('keeps a local draft of a long form and restores it', async () => {
    vi.useFakeTimers();
    try {
      const first = render(
        <RecordForm
          spec={formsApp}
          form="apply"
          locale="en"
          widgets={lightWidgets}
          onSubmit={vi.fn()}
          draftKey="t1"
        />,
      );
      fireEvent.change(screen.getByLabelText(/^Name\*?$/), { target: { value: 'Han Meimei' } });
      await act(() => vi.advanceTimersByTimeAsync(600));
      first.unmount();
    } finally {
      vi.useRealTimers();
    }
    render(
      <RecordForm
        spec={formsApp}
        form="apply"
        locale="en"
        widgets={lightWidgets}
        onSubmit={vi.fn()}
        draftKey="t1"
      />,
    );
    await screen.findByText('Restored what you entered last time');
    expect((screen.getByLabelText(/^Name\*?$/) as HTMLInputElement).value).toBe('Han Meimei');
  });

  it('for a stage move shows what the stage requires, marked required, and checks the gate', async () => {
    const onSubmit = vi.fn();
    render(
      <RecordForm
        spec={formsApp}
        entity="lead"
        stage="qualified"
        current={{ id: 'r1', name: 'Li', phone: '+8613800138000', stage: 'new' }}
        locale="en"
        widgets={lightWidgets}
        onSubmit={onSubmit}
      />,
    );
    expect(screen.queryByLabelText(/^Name\*?$/)).toBeNull();
    expect(screen.getByText('Budget').parentElement!.textContent).toContain('*');
    submit();
    await screen.findByText('"Budget" must be filled before entering "Qualified"');
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('compiles an entity validator once per spec version, never when a form mounts', () => {
    const validator = (spec: AppSpec) => {
      const runtime = runtimeFor(spec, { form: 'apply' });
      if ('error' in runtime) throw new Error(runtime.error);
      return runtime.model.validate;
    };
    const compiled = validator(formsApp);
    renderForm();
    cleanup();
    renderForm();
    expect(validator(formsApp)).toBe(compiled);
    // Another spec object is another version: its own validator.
    expect(validator(JSON.parse(JSON.stringify(formsApp)) as AppSpec)).not.toBe(compiled);
  });

  it('builds a form runtime once per spec version and options, not on every mount', () => {
    const runtimeOf = (spec: AppSpec, readOnly?: string[]) => {
      const runtime = runtimeFor(spec, { form: 'apply' }, readOnly ? { readOnly } : {});
      if ('error' in runtime) throw new Error(runtime.error);
      return runtime;
    };
    const built = runtimeOf(formsApp);
    expect(runtimeOf(formsApp)).toBe(built);
    expect(runtimeOf(formsApp).layout).toBe(built.layout);
    // Other options (fields read-only by role) or another spec version: a runtime of their own.
    const limited = runtimeOf(formsApp, ['name']);
    expect(limited).not.toBe(built);
    expect(limited.stateOf('name', {}).readOnly).toBe(true);
    expect(built.stateOf('name', {}).readOnly).toBe(false);
    expect(runtimeOf(formsApp, ['name'])).toBe(limited);
    expect(runtimeOf(JSON.parse(JSON.stringify(formsApp)) as AppSpec)).not.toBe(built);
  });

  it('re-renders only the typed field and the fields whose rules read it', () => {
    const renders = new Map<string, number>();
    const counted: WidgetSet = {
      ...lightWidgets,
      widgets: Object.fromEntries(
        Object.entries(lightWidgets.widgets).map(([type, W]) => [
          type,
          (p: WidgetProps) => {
            renders.set(p.field.key, (renders.get(p.field.key) ?? 0) + 1);
            return W ? <W {...p} /> : null;
          },
        ]),
      ),
    };
    render(
      <RecordForm
        spec={formsApp}
        form="apply"
        locale="en"
        widgets={counted}
        onSubmit={vi.fn()}
        now={now}
      />,
    );
    fireEvent.click(screen.getByLabelText('Python'));
    fireEvent.change(screen.getByLabelText(/^Budget\*?$/), { target: { value: '1' } });
    renders.clear();
    fireEvent.change(screen.getByLabelText(/^Name\*?$/), { target: { value: 'L' } });
    expect([...renders.keys()]).toEqual(['name']);
    renders.clear();
    fireEvent.change(screen.getByLabelText(/^Budget\*?$/), { target: { value: '12' } });
    // The formula reads the budget; nothing else does.
    expect([...renders.keys()].sort()).toEqual(['budget', 'budgetYuan']);
  });

  it('a refused submit re-renders the fields whose error changed, not the form around them', () => {
    const renders = new Map<string, number>();
    let actions = 0;
    const counted: WidgetSet = {
      ...lightWidgets,
      widgets: Object.fromEntries(
        Object.entries(lightWidgets.widgets).map(([type, W]) => [
          type,
          (p: WidgetProps) => {
            renders.set(p.field.key, (renders.get(p.field.key) ?? 0) + 1);
            return W ? <W {...p} /> : null;
          },
        ]),
      ),
      Actions: (p) => {
        actions += 1;
        return <lightWidgets.Actions {...p} />;
      },
    };
    render(
      <RecordForm
        spec={formsApp}
        form="apply"
        locale="en"
        widgets={counted}
        onSubmit={vi.fn()}
        now={now}
      />,
    );
    renders.clear();
    actions = 0;
    submit();
    const invalid = [...document.querySelectorAll('[aria-invalid="true"]')].map(
      (el) => (el as HTMLInputElement).name || el.id.split('-').pop(),
    );
    expect(invalid.length).toBeGreaterThan(0);
    expect([...renders.keys()].sort()).toEqual([...invalid].sort());
    expect(actions).toBe(0);
    renders.clear();
    submit(); // the same errors again: nothing changes, nothing renders
    expect([...renders.keys()]).toEqual([]);
    expect(actions).toBe(0);
  });
});

export type { RecordData };
