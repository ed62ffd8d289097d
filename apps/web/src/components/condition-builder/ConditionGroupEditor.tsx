import { Button, Flex, Segmented, theme, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type {
  ConditionField,
  ConditionGroup,
  ConditionNode,
  ConditionScope,
} from '../../lib/condition/types';
import { ConditionRuleEditor } from './ConditionRuleEditor';
import { RawConditionEditor } from './RawConditionEditor';
import { newRule } from './new-rule';

type Props = {
  group: ConditionGroup;
  fields: ConditionField[];
  scope: ConditionScope;
  onChange: (next: ConditionGroup) => void;
  onRemove?: () => void;
  disabled?: boolean | undefined;
  root?: boolean;
};

/** "Match all / any / none of": its rules, nested groups and kept JSON, with add buttons. */
export function ConditionGroupEditor({
  group,
  fields,
  scope,
  onChange,
  onRemove,
  disabled,
  root,
}: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const setChild = (i: number, node: ConditionNode | null) =>
    onChange({
      ...group,
      children:
        node === null
          ? group.children.filter((_, j) => j !== i)
          : group.children.map((c, j) => (j === i ? node : c)),
    });
  const add = (node: ConditionNode) => onChange({ ...group, children: [...group.children, node] });
  return (
    <div
      role="group"
      aria-label={t('condition.group')}
      style={
        root
          ? undefined
          : {
              border: `1px solid ${token.colorBorderSecondary}`,
              borderRadius: token.borderRadius,
              background: token.colorFillQuaternary,
              padding: 12,
            }
      }
    >
      <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Typography.Text>{t('condition.match')}</Typography.Text>
        <Segmented
          size="small"
          value={group.join}
          disabled={disabled}
          options={(['all', 'any', 'none'] as const).map((j) => ({
            value: j,
            label: t(`condition.join.${j}`),
          }))}
          onChange={(join) => onChange({ ...group, join })}
        />
        <Typography.Text>{t('condition.ofThese')}</Typography.Text>
        {onRemove ? (
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('condition.removeGroup')}
            disabled={disabled}
            onClick={onRemove}
            style={{ marginInlineStart: 'auto' }}
          />
        ) : null}
      </Flex>
      <Flex vertical gap={8}>
        {group.children.map((child, i) =>
          child.kind === 'rule' ? (
            <ConditionRuleEditor
              key={i}
              rule={child}
              fields={fields}
              scope={scope}
              disabled={disabled}
              onChange={(r) => setChild(i, r)}
              onRemove={() => setChild(i, null)}
            />
          ) : child.kind === 'group' ? (
            <ConditionGroupEditor
              key={i}
              group={child}
              fields={fields}
              scope={scope}
              disabled={disabled}
              onChange={(g) => setChild(i, g)}
              onRemove={() => setChild(i, null)}
            />
          ) : (
            <RawConditionEditor
              key={i}
              logic={child.logic}
              disabled={disabled}
              onChange={(logic) => setChild(i, { kind: 'raw', logic })}
              onRemove={() => setChild(i, null)}
            />
          ),
        )}
      </Flex>
      <Flex gap={8} style={{ marginTop: 8 }} wrap>
        <Button
          size="small"
          icon={<PlusOutlined />}
          disabled={disabled || fields.length === 0}
          onClick={() => add(newRule(fields[0]!, scope))}
        >
          {t('condition.addRule')}
        </Button>
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          disabled={disabled || fields.length === 0}
          onClick={() =>
            add({
              kind: 'group',
              join: group.join === 'all' ? 'any' : 'all',
              children: [newRule(fields[0]!, scope)],
            })
          }
        >
          {t('condition.addGroup')}
        </Button>
      </Flex>
    </div>
  );
}
