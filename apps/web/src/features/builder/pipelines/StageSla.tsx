import { Flex, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, StageSlaSpec } from '@trellis/spec';
import { ProblemText } from '../common/ProblemText';
import { RecipientSelect } from '../common/RecipientSelect';
import type { SpecProblem } from '../draft/draft-store';

type Props = {
  value: StageSlaSpec | undefined;
  entity: EntitySpec | undefined;
  /** How the SLA changes, applied to it as the draft holds it (see Change). */
  onChange: (change: (latest: StageSlaSpec | undefined) => StageSlaSpec | undefined) => void;
  problems: SpecProblem[];
};

/**
 * How long a record may wait in the stage (without a logged activity, or at all) and who is
 * told when it waits too long. Clearing both times removes the SLA.
 */
export function StageSla({ value, entity, onChange, problems }: Props) {
  const { t } = useTranslation('builder');
  const at = (prop: string) => problems.filter((p) => p.path.includes(`/sla/${prop}`));
  const set = (patch: Partial<StageSlaSpec>) =>
    onChange((latest) => {
      const next: Partial<StageSlaSpec> = { notify: ['owner'], ...latest, ...patch };
      for (const k of ['noActivityFor', 'maxDwell'] as const) if (!next[k]) delete next[k];
      return next.noActivityFor || next.maxDwell ? (next as StageSlaSpec) : undefined;
    });
  return (
    <Form.Item label={t('pipelines.stage.sla')} extra={t('pipelines.slaHelp')}>
      <Flex gap={16} wrap>
        <Form.Item label={t('pipelines.noActivityFor')} style={{ marginBottom: 8 }}>
          <Input
            aria-label={t('pipelines.noActivityFor')}
            placeholder="48h"
            style={{ width: 120 }}
            value={value?.noActivityFor ?? ''}
            status={at('noActivityFor').length ? 'error' : undefined}
            onChange={(e) => set({ noActivityFor: e.target.value.trim() })}
          />
          <ProblemText problems={at('noActivityFor')} />
        </Form.Item>
        <Form.Item label={t('pipelines.maxDwell')} style={{ marginBottom: 8 }}>
          <Input
            aria-label={t('pipelines.maxDwell')}
            placeholder="7d"
            style={{ width: 120 }}
            value={value?.maxDwell ?? ''}
            status={at('maxDwell').length ? 'error' : undefined}
            onChange={(e) => set({ maxDwell: e.target.value.trim() })}
          />
          <ProblemText problems={at('maxDwell')} />
        </Form.Item>
        <Form.Item
          label={t('pipelines.notify')}
          style={{ marginBottom: 8, flex: '1 1 260px', minWidth: 0 }}
        >
          <RecipientSelect
            ariaLabel={t('pipelines.notify')}
            entity={entity}
            disabled={!value}
            value={value?.notify}
            status={at('notify').length ? 'error' : undefined}
            onChange={(notify) => onChange((latest) => latest && { ...latest, notify })}
          />
          <ProblemText problems={at('notify')} />
        </Form.Item>
      </Flex>
    </Form.Item>
  );
}
