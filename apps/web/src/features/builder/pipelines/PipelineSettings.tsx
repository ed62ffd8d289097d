import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, FieldSpec, OptionSpec, PipelineSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { fieldIn, itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { OptionsEditor } from '../entities/OptionsEditor';

type Props = { pipeline: PipelineSpec; entity: EntitySpec | undefined; pointer: string };

/**
 * The pipeline's name and description, and its loss reasons: the choices of the select field
 * asked when a record moves to a lost stage, edited right here.
 */
export function PipelineSettings({ pipeline, entity, pointer }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const problems = useProblems(pointer);
  const at = (prop: string) => problems.filter((p) => p.path.startsWith(`${pointer}/${prop}`));
  const name = label(pipeline.label, pipeline.key);
  const set = (prop: keyof PipelineSpec, value: unknown) =>
    edit(
      t('pipelines.changeStep', { name, what: t(`pipelines.${prop}`) }),
      (s) => setOptional(itemIn(s.pipelines, pipeline.key), prop, value as never),
      { coalesce: `pipeline:${pipeline.key}:${prop}` },
    );
  const selects = (entity?.fields ?? []).filter((f) => f.type === 'select');
  const reasonField = selects.find((f) => f.key === pipeline.lossReasonField) as
    (FieldSpec & { options: OptionSpec[] }) | undefined;
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      <Form.Item label={t('pipelines.label')} required>
        <LocaleTextInput
          label={t('pipelines.label')}
          value={pipeline.label}
          onChange={(v) => set('label', v)}
        />
        <ProblemText problems={at('label')} />
      </Form.Item>
      <Form.Item label={t('pipelines.description')}>
        <LocaleTextInput
          multiline
          label={t('pipelines.description')}
          value={pipeline.description}
          onChange={(v) => set('description', v)}
        />
      </Form.Item>
      <Form.Item label={t('pipelines.lossReasonField')} extra={t('pipelines.lossReasonHelp')}>
        <Select
          aria-label={t('pipelines.lossReasonField')}
          allowClear
          placeholder={t('pipelines.noLossReason')}
          value={pipeline.lossReasonField}
          style={{ maxWidth: 320 }}
          options={selects.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
          onChange={(v: string | undefined) => set('lossReasonField', v)}
        />
        <ProblemText problems={at('lossReasonField')} />
      </Form.Item>
      {reasonField && entity ? (
        <Form.Item label={t('pipelines.lossReasons')}>
          <Typography.Paragraph type="secondary">
            {t('pipelines.lossReasonsHelp', { field: label(reasonField.label, reasonField.key) })}
          </Typography.Paragraph>
          <OptionsEditor
            spec={spec}
            entity={entity}
            field={reasonField}
            label={t('pipelines.lossReasons')}
            value={reasonField.options}
            // The editor sends a step to apply to the reasons as the draft holds them: stored
            // as it came, the step (a function) left the field with no reasons at all.
            onChange={(v) =>
              edit(
                t('pipelines.lossReasonsStep'),
                (s) =>
                  setOptional(
                    fieldIn(s, entity.key, reasonField.key) as never as { options: unknown },
                    'options',
                    v,
                  ),
                { coalesce: `pipeline:${pipeline.key}:reasons` },
              )
            }
          />
        </Form.Item>
      ) : null}
    </Form>
  );
}
