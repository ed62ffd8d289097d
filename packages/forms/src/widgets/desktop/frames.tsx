import { Alert, Button, ConfigProvider, Form, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import type { Locale } from '@trellis/rules';
import { formMessage } from '../../core/messages';
import type {
  ActionsProps,
  FieldFrameProps,
  NoticeProps,
  SectionFrameProps,
  WidgetProps,
} from '../../react/widget-types';

/** Ant Design's form item: label, required mark, help under the input, error in red. */
export function DesktopFrame(p: FieldFrameProps) {
  return (
    <Form.Item
      layout="vertical"
      htmlFor={p.group ? undefined : p.id}
      label={p.label}
      required={p.required}
      validateStatus={p.error ? 'error' : undefined}
      help={p.error ? <span id={p.errorId}>{p.error}</span> : undefined}
      extra={p.help ? <span id={p.helpId}>{p.help}</span> : undefined}
      style={{ gridColumn: p.span > 1 ? `span ${p.span}` : undefined, marginBottom: 16 }}
    >
      {p.children}
    </Form.Item>
  );
}

export function DesktopSection(p: SectionFrameProps) {
  return (
    <section className="tf-desktop-section" style={{ marginBottom: 8 }}>
      {p.title && (
        <Typography.Title level={5} style={{ marginTop: 4 }}>
          {p.title}
        </Typography.Title>
      )}
      {p.description && (
        <Typography.Paragraph type="secondary">{p.description}</Typography.Paragraph>
      )}
      <div className="tf-desktop-grid" style={{ ['--tf-columns' as string]: p.columns }}>
        {p.children}
      </div>
    </section>
  );
}

export function DesktopActions(p: ActionsProps) {
  return (
    <Button type="primary" htmlType="submit" loading={p.busy} disabled={p.disabled}>
      {p.label}
    </Button>
  );
}

export function DesktopNotice(p: NoticeProps) {
  return (
    <Alert
      type={p.kind === 'error' ? 'error' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      title={p.children}
      action={
        p.action && (
          <Button size="small" type="link" onClick={p.action.onClick}>
            {p.action.label}
          </Button>
        )
      }
    />
  );
}

export function DesktopUnsupported(p: WidgetProps) {
  return (
    <Typography.Text type="secondary">{formMessage(p.locale, 'notAvailable')}</Typography.Text>
  );
}

/** Ant Design's own texts (date pickers, empty lists) in the form's locale. */
export function DesktopRoot({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>{children}</ConfigProvider>;
}
