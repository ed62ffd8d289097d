import { Drawer, Form, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FormSectionSpec, FormSpec } from '@trellis/spec';
import { ConditionBuilder } from '../../../components/condition-builder/ConditionBuilder';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { conditionFields } from '../../../lib/condition/fields';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';

type Props = {
  form: FormSpec;
  entity: EntitySpec;
  index: number;
  pointer: string;
  onClose: () => void;
};

/** A section's heading, the text under it, its columns on wide screens, and when it shows. */
export function SectionDrawer({ form, entity, index, pointer, onClose }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const phone = useIsPhone();
  const spec = useDraftSpec();
  const problems = useProblems(pointer);
  const section = form.sections[index]!;
  const name = section.title
    ? label(section.title, '')
    : t('forms.untitledSection', { n: index + 1 });
  const set = (prop: keyof FormSectionSpec, value: unknown) =>
    edit(
      t('forms.sectionStep', { name, what: t(`forms.sectionProps.${prop}`) }),
      (s) => {
        const sections = itemIn(s.forms, form.key).sections;
        setOptional(sections[index]!, prop, value as never);
      },
      { coalesce: `section:${form.key}.${index}:${prop}` },
    );
  const at = (prop: string) => problems.filter((p) => p.path.startsWith(`${pointer}/${prop}`));
  return (
    <Drawer open size={phone ? '100%' : 520} onClose={onClose} title={name}>
      <Form layout="vertical">
        {(['title', 'description'] as const).map((prop) => (
          <Form.Item key={prop} label={t(`forms.sectionProps.${prop}`)}>
            <LocaleTextInput
              multiline={prop === 'description'}
              label={t(`forms.sectionProps.${prop}`)}
              value={section[prop]}
              onChange={(v) => set(prop, v)}
            />
            <ProblemText problems={at(prop)} />
          </Form.Item>
        ))}
        <Form.Item label={t('forms.sectionProps.columns')} extra={t('forms.columnsHelp')}>
          <Segmented
            aria-label={t('forms.sectionProps.columns')}
            value={section.columns ?? 1}
            options={[1, 2, 3, 4]}
            onChange={(v) => set('columns', v === 1 ? undefined : v)}
          />
        </Form.Item>
        <Form.Item label={t('forms.sectionProps.visibleIf')} extra={t('forms.sectionVisibleHelp')}>
          <ConditionBuilder
            value={section.visibleIf}
            fields={conditionFields(spec, entity, label)}
            scope={{ user: true }}
            emptyText={t('forms.alwaysShown')}
            errors={at('visibleIf').map((p) => p.message)}
            onChange={(v) => set('visibleIf', v)}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
