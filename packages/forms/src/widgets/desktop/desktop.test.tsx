import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formsApp } from '../../../test/fixture';
import { ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { RecordForm } from '../../react/RecordForm';

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

// One render: Ant Design in jsdom is slow, and the browser tests drive the desktop set too.
describe('desktop widgets (Ant Design)', () => {
  it('render every field with its label in Chinese, show errors in place, hold money in fen', async () => {
    const onSubmit = vi.fn();
    render(<RecordForm spec={formsApp} entity="lead" locale="zh-CN" onSubmit={onSubmit} />);
    for (const label of [
      '姓名',
      '手机',
      '邮箱',
      '课程',
      '预算',
      '年龄',
      '城市',
      '开课日期',
      'VIP',
      '标签',
      '备注',
    ])
      // Fields past the first screen (jsdom's window: 10 rows) render a moment after the rest.
      expect((await screen.findAllByText(label)).length, label).toBeGreaterThan(0);
    fireEvent.change(screen.getByLabelText('邮箱'), { target: { value: 'not-mail' } });
    const budget = screen.getByLabelText('预算');
    fireEvent.change(budget, { target: { value: '1999.5' } });
    fireEvent.blur(budget);
    const submit = screen.getByRole('button', { name: /提\s*交/ });
    fireEvent.click(submit);
    await screen.findByText('“姓名”为必填项');
    expect(screen.getByText('“邮箱”不是有效的邮箱地址')).toBeTruthy();
    expect(screen.getByLabelText('邮箱').getAttribute('aria-invalid')).toBe('true');
    expect(onSubmit).not.toHaveBeenCalled();
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '李雷' } });
    fireEvent.change(screen.getByLabelText('手机'), { target: { value: '138 0013 8000' } });
    fireEvent.change(screen.getByLabelText('邮箱'), { target: { value: 'li@example.com' } });
    fireEvent.click(submit);
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ budget: 199950, phone: '+8613800138000' });
  }, 120_000);

  it('speak the form language inside an app provider of the same language or another', () => {
    // Inside a provider that already speaks it the form adds none of its own; inside another
    // it sets its own. Both with Ant Design's components and with its static-style stand-ins.
    for (const zeroRuntime of [false, true])
      for (const outer of [zhCN, enUS]) {
        render(
          <ConfigProvider locale={outer} theme={{ zeroRuntime }}>
            <RecordForm spec={formsApp} entity="lead" locale="zh-CN" onSubmit={vi.fn()} />
          </ConfigProvider>,
        );
        const start = screen.getByLabelText('开课日期');
        expect(start.getAttribute('placeholder'), `${outer.locale} ${zeroRuntime}`).toBe(
          '请选择日期',
        );
        cleanup();
      }
  }, 120_000);
});
