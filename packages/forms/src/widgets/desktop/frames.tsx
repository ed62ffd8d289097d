import { Alert, Button, ConfigProvider, Typography } from 'antd';
// The ES modules: `antd/locale/*` is CommonJS, which a browser bundle wraps ({ default }), so
// its `locale` code could not be compared with the app's (the web app imports these too).
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useContext, type ReactNode } from 'react';
import type { Locale } from '@trellis/rules';
import { formMessage } from '../../core/messages';
import { AntLookProvider, antVariables, useAntLook } from './look';
import type {
  ActionsProps,
  FieldFrameProps,
  NoticeProps,
  SectionFrameProps,
  WidgetProps,
} from '../../react/widget-types';

/**
 * Label, required mark, input, error and help, laid out as Ant Design's vertical form item (its
 * tokens and spacing, desktop.css) without its Form.Item: that component brings a form store
 * and several style hooks per field, the largest part of mounting a big form.
 */
export function DesktopFrame(p: FieldFrameProps) {
  const style = p.span > 1 ? { gridColumn: `span ${p.span}` } : undefined;
  // The mark is drawn by CSS, as Ant Design does: the label's text stays the field's name. The
  // label is styled by its place in the frame (desktop.css), one attribute less per field.
  const mark = p.required ? '' : undefined;
  return (
    <div style={style} data-tf-field={p.far ? 'far' : ''}>
      {p.group ? (
        <div className="tf-d-label" data-required={mark}>
          {p.label}
        </div>
      ) : (
        <label htmlFor={p.id} data-required={mark}>
          {p.label}
        </label>
      )}
      {p.children}
      {p.error && (
        <div id={p.errorId} className="tf-d-error">
          {p.error}
        </div>
      )}
      {p.help && (
        <div id={p.helpId} className="tf-d-help">
          {p.help}
        </div>
      )}
    </div>
  );
}

export function DesktopSection(p: SectionFrameProps) {
  const look = useAntLook();
  // With static styles the fields are drawn elements that inherit Ant Design's variables from
  // here (look.tsx); Ant Design's own components carry theirs.
  const grid = look.static ? `tf-desktop-grid ${antVariables(look)}` : 'tf-desktop-grid';
  return (
    <section className="tf-desktop-section">
      {p.title && (
        <Typography.Title level={5} style={{ marginTop: 4 }}>
          {p.title}
        </Typography.Title>
      )}
      {p.description && (
        <Typography.Paragraph type="secondary">{p.description}</Typography.Paragraph>
      )}
      <div className={grid} style={{ ['--tf-columns' as string]: p.columns }}>
        {p.children}
      </div>
    </section>
  );
}

/**
 * The submit button: the <button> Ant Design's primary Button renders, drawn by its stylesheet;
 * the component itself (its spinner) only while a submit is under way.
 */
export function DesktopActions(p: ActionsProps) {
  const look = useAntLook();
  if (p.busy || !look.static)
    return (
      <Button type="primary" htmlType="submit" loading={p.busy} disabled={p.disabled}>
        {p.label}
      </Button>
    );
  return (
    <button
      type="submit"
      disabled={p.disabled}
      className={`ant-btn ${look.scope} ant-btn-primary ant-btn-color-primary ant-btn-variant-solid`}
    >
      <span>{p.label}</span>
    </button>
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

/**
 * Ant Design's own texts (date pickers, empty lists) in the form's locale. An app whose root
 * provider already speaks it (the web app's does) gets no provider of its own per form: a
 * nested ConfigProvider merges its whole configuration again on every mount.
 */
export function DesktopRoot({ locale, children }: { locale: Locale; children: ReactNode }) {
  const antLocale = locale === 'zh-CN' ? zhCN : enUS;
  const outer = useContext(ConfigProvider.ConfigContext).locale;
  const body = <AntLookProvider>{children}</AntLookProvider>;
  if (outer?.locale !== undefined && outer.locale === antLocale.locale) return body;
  return <ConfigProvider locale={antLocale}>{body}</ConfigProvider>;
}
