import { Button, Checkbox, Flex, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EvidenceSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ProblemText } from '../common/ProblemText';
import type { SpecProblem } from '../draft/draft-store';
import { useDraft } from '../draft/useDraft';

type Props = {
  value: EvidenceSpec[] | undefined;
  onChange: (next: EvidenceSpec[] | undefined) => void;
  problems: SpecProblem[];
};

/** Activities that must have been logged before a record enters the stage (a trial class…). */
export function StageEvidence({ value = [], onChange, problems }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const types = useDraft((s) => s.spec.activityTypes ?? []);
  const set = (next: EvidenceSpec[]) => onChange(next.length ? next : undefined);
  if (types.length === 0 && value.length === 0)
    return <Typography.Text type="secondary">{t('pipelines.noActivityTypes')}</Typography.Text>;
  return (
    <div>
      {value.map((e, i) => (
        <Flex key={i} gap={8} align="center" wrap style={{ marginBottom: 8 }}>
          <Select
            aria-label={t('pipelines.evidenceType')}
            value={e.activityType}
            style={{ width: 200 }}
            options={types.map((a) => ({ value: a.key, label: label(a.label, a.key) }))}
            onChange={(v: string) =>
              set(value.map((x, j) => (j === i ? { ...x, activityType: v } : x)))
            }
          />
          <Checkbox
            checked={e.withAttachment === true}
            onChange={(ev) =>
              set(
                value.map((x, j) => {
                  if (j !== i) return x;
                  const { withAttachment: _, ...rest } = x;
                  return ev.target.checked ? { ...rest, withAttachment: true } : rest;
                }),
              )
            }
          >
            {t('pipelines.withAttachment')}
          </Checkbox>
          <Button
            type="text"
            danger
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('common.remove')}
            onClick={() => set(value.filter((_, j) => j !== i))}
          />
        </Flex>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        disabled={types.length === 0}
        onClick={() => set([...value, { activityType: types[0]!.key }])}
      >
        {t('pipelines.addEvidence')}
      </Button>
      <ProblemText problems={problems} />
    </div>
  );
}
