import { Button, Drawer, Flex, Form, Segmented, Select, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FormFieldSpec, FormSpec } from '@trellis/spec';
import { ConditionBuilder } from '../../../components/condition-builder/ConditionBuilder';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { conditionFields } from '../../../lib/condition/fields';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { itemIn } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { FIELD_TYPE_ICONS } from '../entities/field-type-icons';
import { findPlacement, placeField, placementOf, setPlacement, unplaceField } from './form-layout';

type Props = {
  form: FormSpec;
  entity: EntitySpec;
  fieldKey: string;
  pointer: string;
  onClose: () => void;
};

type Prop = Exclude<keyof FormFieldSpec, 'field'>;

/**
 * A field as this form shows it: its own label, help and placeholder here, how many columns it
 * spans, which section holds it, and when it is shown, required or read-only.
 */
export function PlacementDrawer({ form, entity, fieldKey, pointer, onClose }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const phone = useIsPhone();
  const spec = useDraftSpec();
  const where = findPlacement(form, fieldKey);
  const problems = useProblems(
    where ? `${pointer}/sections/${where[0]}/fields/${where[1]}` : `${pointer}/-`,
  );
  const placement = placementOf(form, fieldKey);
  const field = entity.fields.find((f) => f.key === fieldKey);
  if (!where || !placement) return null;
  const name = field ? label(field.label, fieldKey) : fieldKey;
  const set = (prop: Prop, value: unknown) =>
    edit(
      t('forms.placementStep', { name, what: t(`forms.${prop}`) }),
      (s) => setPlacement(itemIn(s.forms, form.key), fieldKey, prop, value),
      { coalesce: `placement:${form.key}.${fieldKey}:${prop}` },
    );
  const at = (prop: string) => problems.filter((p) => p.path.includes(`/${prop}`));
  const others = conditionFields(spec, entity, label).filter((f) => f.key !== fieldKey);
  const columns = form.sections[where[0]]!.columns ?? 1;
  const condition = (prop: 'visibleIf' | 'requiredIf' | 'readOnlyIf', empty: string) => (
    <Form.Item label={t(`forms.${prop}`)} extra={t(`forms.${prop}Help`)}>
      <ConditionBuilder
        value={placement[prop]}
        fields={others}
        scope={{ user: true }}
        emptyText={empty}
        errors={at(prop).map((p) => p.message)}
        onChange={(v) => set(prop, v)}
      />
    </Form.Item>
  );
  return (
    <Drawer
      open
      size={phone ? '100%' : 560}
      onClose={onClose}
      title={
        <Flex gap={8} align="center">
          {field ? FIELD_TYPE_ICONS[field.type] : null}
          <span>{name}</span>
        </Flex>
      }
      footer={
        <Button
          danger
          icon={<DeleteOutlined />}
          onClick={() => {
            edit(t('forms.unplaceStep', { name }), (s) =>
              unplaceField(itemIn(s.forms, form.key), fieldKey),
            );
            onClose();
          }}
        >
          {t('forms.unplace')}
        </Button>
      }
    >
      <ProblemText problems={problems.filter((p) => !/If(\/|$)/.test(p.path))} />
      <Form layout="vertical">
        <Flex gap={16} wrap>
          <Form.Item label={t('forms.section')}>
            <Select
              aria-label={t('forms.section')}
              value={where[0]}
              style={{ width: 220 }}
              options={form.sections.map((s, i) => ({
                value: i,
                label: s.title ? label(s.title, '') : t('forms.untitledSection', { n: i + 1 }),
              }))}
              onChange={(to: number) =>
                edit(t('forms.placeStep', { name }), (s) =>
                  placeField(
                    itemIn(s.forms, form.key),
                    fieldKey,
                    to,
                    form.sections[to]!.fields.length,
                  ),
                )
              }
            />
          </Form.Item>
          <Form.Item label={t('forms.span')} tooltip={t('forms.spanHelp')}>
            <Segmented
              aria-label={t('forms.span')}
              value={Math.min(placement.span ?? 1, columns)}
              disabled={columns === 1}
              options={Array.from({ length: columns }, (_, i) => i + 1)}
              onChange={(v) => set('span', v === 1 ? undefined : v)}
            />
          </Form.Item>
        </Flex>
        {(['label', 'help', 'placeholder'] as const).map((prop) => (
          <Form.Item key={prop} label={t(`forms.${prop}Here`)} extra={t('forms.overrideHelp')}>
            <LocaleTextInput
              label={t(`forms.${prop}Here`)}
              value={placement[prop]}
              onChange={(v) => set(prop, v)}
            />
            <ProblemText problems={at(prop)} />
          </Form.Item>
        ))}
        {condition('visibleIf', t('forms.alwaysShown'))}
        {field?.required ? (
          <Form.Item label={t('forms.requiredIf')}>
            <Typography.Text type="secondary">{t('forms.alwaysRequired')}</Typography.Text>
          </Form.Item>
        ) : (
          condition('requiredIf', t('forms.neverRequired'))
        )}
        {condition('readOnlyIf', t('forms.neverReadOnly'))}
      </Form>
    </Drawer>
  );
}
