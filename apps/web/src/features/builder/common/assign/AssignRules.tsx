import { Button, Card, Flex, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { EntitySpec } from '@trellis/spec';
import { ConditionBuilder } from '../../../../components/condition-builder/ConditionBuilder';
import { conditionFields } from '../../../../lib/condition/fields';
import { useLabel } from '../../../../lib/i18n/useLabel';
import { useSystemLabel } from '../useSystemLabel';
import { useDraftSpec } from '../../draft/useDraft';
import { AssignTargetSelect } from './AssignTargetSelect';

type Rule = { if: unknown; team?: string; user?: string };
type Props = {
  value: unknown;
  onChange: (next: Rule[] | undefined) => void;
  entity: EntitySpec | undefined;
};

/**
 * The assign action's rules, in order: each a condition on the record and who gets it when it
 * holds (a team or a person); the first rule that holds wins.
 */
export function AssignRules({ value, onChange, entity }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const systemLabel = useSystemLabel();
  const spec = useDraftSpec();
  const rules = Array.isArray(value) ? (value as Rule[]) : [];
  const fields = entity ? conditionFields(spec, entity, label, { system: true, systemLabel }) : [];
  const put = (i: number, rule: Rule) => onChange(rules.map((r, j) => (j === i ? rule : r)));
  return (
    <Flex vertical gap={8} style={{ maxWidth: 720 }}>
      {rules.map((rule, i) => (
        <Card
          key={i}
          size="small"
          type="inner"
          title={t('assign.rule', { n: i + 1 })}
          extra={
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('assign.removeRule', { n: i + 1 })}
              onClick={() => {
                const next = rules.filter((_, j) => j !== i);
                onChange(next.length ? next : undefined);
              }}
            />
          }
        >
          <Typography.Text type="secondary">{t('assign.ruleWhen')}</Typography.Text>
          <ConditionBuilder
            // "Always" is stored as `true` (a rule needs a condition) and shown as no rules.
            value={rule.if === true ? undefined : rule.if}
            fields={fields}
            scope={{ user: true }}
            emptyText={t('assign.ruleAlways')}
            onChange={(next) => put(i, { ...rule, if: next ?? true })}
          />
          <Typography.Text type="secondary">{t('assign.ruleThen')}</Typography.Text>
          <AssignTargetSelect
            label={t('assign.ruleTarget', { n: i + 1 })}
            value={{ team: rule.team, user: rule.user }}
            onChange={(target) => put(i, { if: rule.if, ...target })}
          />
        </Card>
      ))}
      <div>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => onChange([...rules, { if: true }])}
        >
          {t('assign.addRule')}
        </Button>
      </div>
    </Flex>
  );
}
