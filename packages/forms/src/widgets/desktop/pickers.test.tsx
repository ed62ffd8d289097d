import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { RecordForm } from '../../react/RecordForm';
import type { FileRef, FormServices, RecordOption } from '../../react/widget-types';

beforeAll(() => {
  // Ant Design's responsive helpers ask for matchMedia, which jsdom lacks.
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});
afterEach(cleanup);

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

// A deal with the inputs that need the host: a relation, a user, files; and two fields a role
// may not see or change.
const spec = {
  specVersion: 1,
  name: l('测试', 'Test'),
  locales: ['zh-CN', 'en'],
  defaultLocale: 'en',
  entities: [
    {
      key: 'customer',
      label: l('客户', 'Customer'),
      titleField: 'name',
      fields: [{ key: 'name', type: 'text', label: l('名称', 'Name') }],
    },
    {
      key: 'deal',
      label: l('商机', 'Deal'),
      titleField: 'title',
      fields: [
        { key: 'title', type: 'text', label: l('标题', 'Title'), required: true },
        { key: 'customer', type: 'relation', label: l('客户', 'Customer'), entity: 'customer' },
        { key: 'owner', type: 'user', label: l('负责人', 'Owner') },
        { key: 'files', type: 'file', label: l('附件', 'Files'), multiple: true },
        { key: 'city', type: 'region', label: l('城市', 'City'), level: 'city' },
        { key: 'margin', type: 'text', label: l('毛利', 'Margin') },
        { key: 'secret', type: 'text', label: l('底价', 'Floor price') },
      ],
    },
  ],
} as unknown as AppSpec;

const CUSTOMERS: RecordOption[] = [
  { id: 'c1', title: 'Acme Trading' },
  { id: 'c2', title: 'Acorn Schools' },
  { id: 'c3', title: 'Blue River' },
];

function services(): FormServices & { uploaded: string[] } {
  const uploaded: string[] = [];
  return {
    uploaded,
    searchRecords: vi.fn(async (entity: string, q: string) =>
      entity === 'customer' ? CUSTOMERS.filter((c) => c.title.includes(q)) : [],
    ),
    recordTitles: vi.fn(async (_entity: string, ids: string[]) =>
      CUSTOMERS.filter((c) => ids.includes(c.id)),
    ),
    searchUsers: vi.fn(async () => [{ id: 'u2', title: 'Li Lei' }]),
    userNames: vi.fn(async (ids: string[]) =>
      ids.includes('u1') ? [{ id: 'u1', title: 'Wang Fang' }] : [],
    ),
    // Each upload resolves on its own; two chosen at once finish one after the other.
    upload: vi.fn(async (file: File): Promise<FileRef> => {
      await new Promise((r) => setTimeout(r, file.name === 'a.pdf' ? 5 : 20));
      uploaded.push(file.name);
      return { id: `f-${file.name}`, name: file.name, size: file.size, mime: file.type };
    }),
  };
}

// The field frame around an input: its label and what the widget drew.
const frameOf = (label: string) =>
  screen
    .getByText(label, { selector: 'label, .tf-d-label' })
    .closest<HTMLElement>('[data-tf-field]')!;

describe('desktop pickers, uploads and role limits', () => {
  it('finds a related record through the host search and submits its id; a stored user shows by name', async () => {
    const svc = services();
    const onSubmit = vi.fn();
    render(
      <RecordForm
        spec={spec}
        entity="deal"
        locale="en"
        services={svc}
        initialValues={{ title: 'Spring order', owner: 'u1' }}
        onSubmit={onSubmit}
      />,
    );
    // The stored owner id is shown as the person's name, asked of the host once.
    await waitFor(() => expect(within(frameOf('Owner')).getByText('Wang Fang')).toBeTruthy());
    expect(svc.userNames).toHaveBeenCalledWith(['u1']);

    const customer = screen.getByLabelText('Customer');
    fireEvent.mouseDown(customer);
    fireEvent.change(customer, { target: { value: 'Ac' } });
    await waitFor(() => expect(svc.searchRecords).toHaveBeenCalledWith('customer', 'Ac'), {
      timeout: 3000,
    });
    const option = await screen.findByTitle('Acorn Schools');
    expect(screen.queryByTitle('Blue River')).toBeNull();
    fireEvent.click(option);
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ customer: 'c2', owner: 'u1' });
  }, 120_000);

  it('uploads files chosen together and submits every reference', async () => {
    const svc = services();
    const onSubmit = vi.fn();
    const { container } = render(
      <RecordForm
        spec={spec}
        entity="deal"
        locale="en"
        services={svc}
        initialValues={{ title: 'Spring order' }}
        onSubmit={onSubmit}
      />,
    );
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    const files = ['a.pdf', 'b.pdf'].map((n) => new File(['x'], n, { type: 'application/pdf' }));
    fireEvent.change(input, { target: { files } });
    await waitFor(() => expect(svc.uploaded).toEqual(['a.pdf', 'b.pdf']));
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0].files).toEqual([
      { id: 'f-a.pdf', name: 'a.pdf', size: 1, mime: 'application/pdf' },
      { id: 'f-b.pdf', name: 'b.pdf', size: 1, mime: 'application/pdf' },
    ]);
  }, 120_000);

  it('picks a city in the province / city cascader and submits its GB/T 2260 code', async () => {
    const onSubmit = vi.fn();
    render(
      <RecordForm
        spec={spec}
        entity="deal"
        locale="zh-CN"
        initialValues={{ title: 'Spring order' }}
        onSubmit={onSubmit}
      />,
    );
    fireEvent.mouseDown(screen.getByLabelText('城市'));
    fireEvent.click(await screen.findByTitle('浙江省'));
    fireEvent.click(await screen.findByTitle('杭州市'));
    // A city is the deepest column of this field: no district column opens.
    expect(screen.queryByTitle('西湖区')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /提\s*交/ }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ city: '330100' });
  }, 120_000);

  it('names the places in English on an English form, and finds one by its English or Chinese name', async () => {
    const onSubmit = vi.fn();
    render(
      <RecordForm
        spec={spec}
        entity="deal"
        locale="en"
        initialValues={{ title: 'Spring order' }}
        onSubmit={onSubmit}
      />,
    );
    const city = screen.getByLabelText('City');
    fireEvent.mouseDown(city);
    fireEvent.click(await screen.findByTitle('Zhejiang'));
    expect(await screen.findByTitle('Hangzhou')).toBeTruthy();
    expect(screen.queryByTitle('浙江省')).toBeNull();
    // A search lists every matching place with its path, in English; Chinese finds it too.
    // (Ant Design splits the matched letters of a result into a span of their own.)
    const results = () =>
      [...document.querySelectorAll<HTMLElement>('.ant-cascader-menu-item')].filter((e) =>
        /\//.test(e.textContent ?? ''),
      );
    fireEvent.change(city, { target: { value: 'xiam' } });
    await waitFor(() => expect(results().map((e) => e.textContent)).toEqual(['Fujian / Xiamen']));
    fireEvent.change(city, { target: { value: '厦门' } });
    await waitFor(() => expect(results().map((e) => e.textContent)).toEqual(['Fujian / Xiamen']));
    fireEvent.click(results()[0]!);
    fireEvent.click(screen.getByRole('button', { name: /submit/i }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ city: '350200' });
  }, 120_000);

  it('without the host services, says those inputs cannot be filled here (in Chinese too)', () => {
    render(<RecordForm spec={spec} entity="deal" locale="zh-CN" onSubmit={vi.fn()} />);
    for (const label of ['客户', '负责人', '附件'])
      expect(within(frameOf(label)).getByText('此项不能在这里填写')).toBeTruthy();
    expect(within(frameOf('附件')).getByRole('button').hasAttribute('disabled')).toBe(true);
  }, 120_000);

  it('never shows a field the role may not read, and neither changes nor sends one it may not change', async () => {
    const onSubmit = vi.fn();
    render(
      <RecordForm
        spec={spec}
        entity="deal"
        locale="en"
        initialValues={{ title: 'Spring order', margin: '12%', secret: '9000' }}
        hidden={['secret']}
        readOnlyFields={['margin']}
        onSubmit={onSubmit}
      />,
    );
    expect(screen.queryByLabelText('Floor price')).toBeNull();
    expect(screen.queryByDisplayValue('9000')).toBeNull();
    const margin = screen.getByLabelText('Margin') as HTMLInputElement;
    expect(margin.value).toBe('12%');
    expect(margin.readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    const sent = onSubmit.mock.calls[0]![0] as Record<string, unknown>;
    expect(sent.title).toBe('Spring order');
    expect(sent).not.toHaveProperty('secret');
    expect(sent).not.toHaveProperty('margin');
  }, 120_000);
});
