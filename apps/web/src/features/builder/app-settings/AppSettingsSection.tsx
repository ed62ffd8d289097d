import { Card, Checkbox, Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppSpec } from '@trellis/spec';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';

const LOCALES = ['zh-CN', 'en'] as const;

/** The app itself: its name and description, the languages it is offered in, the default one. */
export function AppSettingsSection() {
  const { t } = useTranslation('builder');
  const spec = useDraftSpec();
  const edit = useEdit();
  const problems = useProblems('');
  const at = (prop: string) =>
    problems.filter((p) => p.path === `/${prop}` || p.path.startsWith(`/${prop}/`));
  const set = <K extends keyof AppSpec>(prop: K, value: AppSpec[K] | undefined) =>
    edit(
      t('app.changeStep', { what: t(`app.${String(prop)}`) }),
      (s) => setOptional(s, prop, value as never),
      {
        coalesce: `app:${String(prop)}`,
      },
    );
  return (
    <Card>
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label={t('app.name')} required>
          <LocaleTextInput
            label={t('app.name')}
            value={spec.name}
            onChange={(v) => set('name', v as never)}
          />
          <ProblemText problems={at('name')} />
        </Form.Item>
        <Form.Item label={t('app.description')}>
          <LocaleTextInput
            multiline
            label={t('app.description')}
            value={spec.description}
            onChange={(v) => set('description', v as never)}
          />
        </Form.Item>
        <Form.Item label={t('app.locales')} extra={t('app.localesHelp')}>
          <Checkbox.Group
            value={spec.locales}
            options={LOCALES.map((l) => ({ value: l, label: t(`locales.${l}`) }))}
            onChange={(v) => set('locales', v as AppSpec['locales'])}
          />
          <ProblemText problems={at('locales')} />
        </Form.Item>
        <Form.Item label={t('app.defaultLocale')} extra={t('app.defaultLocaleHelp')}>
          <Radio.Group
            value={spec.defaultLocale}
            options={LOCALES.map((l) => ({ value: l, label: t(`locales.${l}`) }))}
            onChange={(e) => set('defaultLocale', e.target.value as AppSpec['defaultLocale'])}
          />
          <ProblemText problems={at('defaultLocale')} />
        </Form.Item>
      </Form>
    </Card>
  );
}
