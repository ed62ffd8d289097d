import { Component, useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Card, Segmented, Typography } from 'antd';
import { DesktopOutlined, MobileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { desktopWidgets, lightWidgets, RecordFormView } from '@trellis/forms';
import type { FormSpec } from '@trellis/spec';
import { useLocale } from '../../../lib/i18n/useLocale';
import { useDraftSpec } from '../draft/useDraft';
import { previewRuntime } from './preview-runtime';

let generations = 0;

// At phone width the preview shows one column whatever the window's width (the forms' own
// media queries see the builder's window, not the preview's frame).
// The preview's columns are narrower than a form page's: a long upload button label ("cannot be
// filled in here") wraps inside its column instead of running past the card.
const PREVIEW_CSS = `
.trellis-form-preview .ant-upload .ant-btn {
  max-width: 100%;
  height: auto;
  white-space: normal;
  text-align: start;
}`;

const PHONE_CSS = `
.trellis-phone-preview .tf-desktop-grid, .trellis-phone-preview .tf-grid {
  grid-template-columns: 1fr !important;
}
.trellis-phone-preview .tf-desktop-grid > *, .trellis-phone-preview .tf-grid > * {
  grid-column: auto !important;
}`;

/**
 * The form as people will see it, drawn by the real form view (RecordForm's) from the draft, at desktop or
 * phone width; trying it checks the rules and conditions but saves nothing.
 */
export function FormPreview({ form }: { form: FormSpec }) {
  const { t } = useTranslation('builder');
  const locale = useLocale();
  const spec = useDraftSpec();
  const { message } = App.useApp();
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop');
  const phone = width === 'phone';
  const runtime = useMemo(() => {
    try {
      return previewRuntime(spec, form.key);
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  }, [spec, form.key]);
  // A new runtime (the draft changed) starts the preview afresh: the form keeps no stale rules.
  const generation = useMemo(() => ({ id: ++generations, runtime }), [runtime]).id;
  const preview =
    'error' in runtime ? (
      <Alert type="warning" showIcon title={t('forms.previewBroken')} description={runtime.error} />
    ) : (
      <PreviewBoundary spec={spec} fallback={t('forms.previewBroken')}>
        <RecordFormView
          key={`${locale}:${generation}`}
          runtime={runtime}
          locale={locale}
          widgets={phone && form.public ? lightWidgets : desktopWidgets}
          ariaLabel={t('forms.preview')}
          onSubmit={() => void message.info(t('forms.previewSubmitted'))}
        />
      </PreviewBoundary>
    );
  return (
    <Card
      size="small"
      title={t('forms.preview')}
      data-testid="form-preview"
      className="trellis-form-preview"
      extra={
        <Segmented
          size="small"
          aria-label={t('forms.previewWidth')}
          value={width}
          onChange={setWidth}
          options={[
            { value: 'desktop', label: t('forms.desktop'), icon: <DesktopOutlined /> },
            { value: 'phone', label: t('forms.phone'), icon: <MobileOutlined /> },
          ]}
        />
      }
    >
      <style>{PREVIEW_CSS}</style>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('forms.previewHelp')}
      </Typography.Paragraph>
      {phone ? (
        <div
          className="trellis-phone-preview"
          style={{
            width: 375,
            maxWidth: '100%',
            margin: '0 auto',
            padding: 16,
            border: '8px solid #262626',
            borderRadius: 24,
            background: '#fff',
          }}
        >
          <style>{PHONE_CSS}</style>
          {preview}
        </div>
      ) : (
        preview
      )}
    </Card>
  );
}

type BoundaryProps = { spec: unknown; fallback: string; children: ReactNode };

/** A draft the form runtime cannot draw yet (mid-edit) shows a note, not a broken page. */
class PreviewBoundary extends Component<BoundaryProps, { error: string | undefined }> {
  override state = { error: undefined as string | undefined };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override componentDidUpdate(prev: BoundaryProps) {
    if (prev.spec !== this.props.spec && this.state.error) this.setState({ error: undefined });
  }
  override render() {
    if (this.state.error)
      return (
        <Alert type="warning" showIcon title={this.props.fallback} description={this.state.error} />
      );
    return this.props.children;
  }
}
