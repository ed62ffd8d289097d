import { useState } from 'react';
import {
  Button,
  Checkbox,
  Flex,
  Form,
  Input,
  QRCode,
  Segmented,
  Select,
  Switch,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CAPTURE_PARAMS, type EntitySpec, type FormSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { FieldValuesEditor } from '../common/FieldValuesEditor';
import { ProblemText } from '../common/ProblemText';
import { itemIn, setOptional } from '../draft/find';
import { useEdit, useProblems } from '../draft/useDraft';

type Props = { form: FormSpec; entity: EntitySpec; pointer: string };

type Captured = (typeof CAPTURE_PARAMS)[number];

/**
 * A public form's intake settings: on or off, its link with UTM tags for each poster or post,
 * the QR code of that link, the embed snippets, which attribution it captures (and into which
 * fields), the values every submission gets, and what a repeat submission does.
 */
export function FormSharing({ form, entity, pointer }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const problems = useProblems(pointer);
  const [utm, setUtm] = useState({ utm_source: '', utm_medium: '', utm_campaign: '' });
  const at = (prop: string) => problems.filter((p) => p.path.startsWith(`${pointer}/${prop}`));
  const name = label(form.label, form.key);
  const set = (prop: keyof FormSpec, value: unknown) =>
    edit(
      t('forms.changeStep', { name, what: t(`forms.share.${prop}`) }),
      (s) => setOptional(itemIn(s.forms, form.key), prop, value as never),
      { coalesce: `form:${form.key}:${prop}` },
    );
  const makePublic = (on: boolean) =>
    edit(t('forms.changeStep', { name, what: t('forms.share.public') }), (s) => {
      const f = itemIn(s.forms, form.key);
      setOptional(f, 'public', on || undefined);
      if (on && !f.slug) f.slug = f.key;
    });
  const base = `${window.location.origin}/f/${form.slug ?? form.key}`;
  const query = new URLSearchParams(Object.entries(utm).filter(([, v]) => v)).toString();
  const link = query ? `${base}?${query}` : base;
  const capture = form.capture ?? [];
  const textish = entity.fields.filter((f) => f.type === 'text' || f.type === 'select');
  const download = () => {
    const canvas = document.querySelector<HTMLCanvasElement>('#form-qr canvas');
    if (!canvas) return;
    const a = document.createElement('a');
    a.download = `${form.slug ?? form.key}-qr.png`;
    a.href = canvas.toDataURL();
    a.click();
  };
  return (
    <Form layout="vertical" style={{ maxWidth: 760 }}>
      <Form.Item label={t('forms.share.public')} extra={t('forms.share.publicHelp')}>
        <Switch
          aria-label={t('forms.share.public')}
          checked={form.public === true}
          onChange={makePublic}
        />
      </Form.Item>
      {form.public ? (
        <>
          <Form.Item label={t('forms.share.slug')} extra={t('forms.share.slugHelp')}>
            <Input
              aria-label={t('forms.share.slug')}
              addonBefore="/f/"
              value={form.slug ?? ''}
              style={{ maxWidth: 360 }}
              status={at('slug').length ? 'error' : undefined}
              onChange={(e) => set('slug', e.target.value || undefined)}
            />
            <ProblemText problems={at('slug')} />
          </Form.Item>
          <Form.Item label={t('forms.share.link')} extra={t('forms.share.linkHelp')}>
            <Flex gap={8} wrap style={{ marginBottom: 8 }}>
              {(['utm_source', 'utm_medium', 'utm_campaign'] as const).map((k) => (
                <Input
                  key={k}
                  aria-label={k}
                  placeholder={k}
                  value={utm[k]}
                  style={{ width: 180 }}
                  onChange={(e) => setUtm({ ...utm, [k]: e.target.value.trim() })}
                />
              ))}
            </Flex>
            <Typography.Paragraph copyable={{ text: link }} code style={{ wordBreak: 'break-all' }}>
              {link}
            </Typography.Paragraph>
          </Form.Item>
          <Form.Item label={t('forms.share.qr')}>
            <Flex gap={16} align="flex-end" wrap>
              <div id="form-qr">
                <QRCode value={link} type="canvas" size={160} bordered />
              </div>
              <Button icon={<DownloadOutlined />} onClick={download}>
                {t('forms.share.downloadQr')}
              </Button>
            </Flex>
          </Form.Item>
          <Form.Item label={t('forms.share.embed')} extra={t('forms.share.embedHelp')}>
            {[
              `<script src="${base}/embed.js" async></script>`,
              `<iframe src="${base}?embed=1" style="width:100%;height:760px;border:0"></iframe>`,
            ].map((snippet) => (
              <Typography.Paragraph key={snippet} copyable code style={{ wordBreak: 'break-all' }}>
                {snippet}
              </Typography.Paragraph>
            ))}
          </Form.Item>
          <Form.Item label={t('forms.share.capture')} extra={t('forms.share.captureHelp')}>
            <Checkbox.Group
              value={capture}
              options={CAPTURE_PARAMS.map((p) => ({ value: p, label: p }))}
              onChange={(v) =>
                set('capture', v.length ? CAPTURE_PARAMS.filter((p) => v.includes(p)) : undefined)
              }
            />
            {capture.map((p: Captured) => (
              <Flex key={p} gap={8} align="center" style={{ marginTop: 8 }}>
                <Typography.Text code style={{ minWidth: 110 }}>
                  {p}
                </Typography.Text>
                <Typography.Text type="secondary">{t('forms.share.into')}</Typography.Text>
                <Select
                  aria-label={t('forms.share.intoField', { param: p })}
                  allowClear
                  placeholder={t('forms.share.notCopied')}
                  value={form.captureInto?.[p]}
                  style={{ width: 220 }}
                  options={textish.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
                  onChange={(v: string | undefined) => {
                    const next = { ...form.captureInto } as Record<string, string>;
                    if (v) next[p] = v;
                    else delete next[p];
                    set('captureInto', Object.keys(next).length ? next : undefined);
                  }}
                />
              </Flex>
            ))}
            <ProblemText problems={[...at('capture'), ...at('captureInto')]} />
          </Form.Item>
          <Form.Item label={t('forms.share.defaults')} extra={t('forms.share.defaultsHelp')}>
            <FieldValuesEditor
              entity={entity}
              value={form.defaults}
              onChange={(v) => set('defaults', Object.keys(v).length ? v : undefined)}
            />
            <ProblemText problems={at('defaults')} />
          </Form.Item>
          <Form.Item label={t('forms.share.mode')} extra={t('forms.share.modeHelp')}>
            <Segmented
              aria-label={t('forms.share.mode')}
              className="trellis-segmented-wrap"
              value={form.mode ?? 'merge'}
              options={(['merge', 'create', 'reject'] as const).map((m) => ({
                value: m,
                label: t(`forms.share.modes.${m}`),
              }))}
              onChange={(v) => set('mode', v === 'merge' ? undefined : v)}
            />
          </Form.Item>
          <Flex gap="0 16px" wrap>
            <Form.Item
              label={t('forms.share.alertAfter')}
              tooltip={t('forms.share.alertAfterHelp')}
            >
              <Input
                aria-label={t('forms.share.alertAfter')}
                placeholder="3d"
                style={{ width: 120 }}
                value={form.alertAfter ?? ''}
                onChange={(e) => set('alertAfter', e.target.value.trim() || undefined)}
              />
              <ProblemText problems={at('alertAfter')} />
            </Form.Item>
            <Form.Item label={t('forms.share.redirectUrl')} style={{ flex: '1 1 300px' }}>
              <Input
                aria-label={t('forms.share.redirectUrl')}
                placeholder="https://"
                value={form.redirectUrl ?? ''}
                onChange={(e) => set('redirectUrl', e.target.value.trim() || undefined)}
              />
              <ProblemText problems={at('redirectUrl')} />
            </Form.Item>
          </Flex>
        </>
      ) : null}
    </Form>
  );
}
