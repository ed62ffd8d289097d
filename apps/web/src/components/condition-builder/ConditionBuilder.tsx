import { useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { readCondition, writeCondition } from '../../lib/condition/condition-tree';
import type { ConditionField, ConditionGroup, ConditionScope } from '../../lib/condition/types';
import { ConditionGroupEditor } from './ConditionGroupEditor';
import { newRule } from './new-rule';

export type ConditionBuilderProps = {
  /** The JSONLogic condition; undefined (or null) for none. */
  value: unknown;
  /** Called with the new JSONLogic, or undefined when the last rule was removed. */
  onChange: (next: unknown) => void;
  /** The fields the condition may name (see conditionFields). */
  fields: ConditionField[];
  /** "is me" / "in my teams" ($user), "changed" ($previous). */
  scope?: ConditionScope;
  /** Problems found in this condition (e.g. validateSpec messages), shown under it. */
  errors?: string[];
  /** Text shown when there is no condition ("Always shown", "Every record"). */
  emptyText?: string;
  disabled?: boolean;
};

/**
 * The visual condition builder: field, operator, value and all/any/none groups, written as
 * JSONLogic. Reads back everything it writes; an expression it cannot show as rules is kept
 * and shown as JSON, never lost.
 */
export function ConditionBuilder(props: ConditionBuilderProps) {
  const { t } = useTranslation();
  const { value, onChange, fields, scope = {}, errors = [], disabled } = props;
  const [written, setWritten] = useState<unknown>(undefined);
  const [tree, setTree] = useState<ConditionGroup>(() => readCondition(value, fields, scope));
  const [seen, setSeen] = useState<unknown>(value);
  // A value from outside (undo, another editor) is read again; our own echo keeps the tree,
  // with its half-made rules.
  if (value !== seen) {
    setSeen(value);
    if (value !== written) setTree(readCondition(value, fields, scope));
  }
  const update = (next: ConditionGroup) => {
    setTree(next);
    const expr = writeCondition(next);
    setWritten(expr);
    onChange(expr);
  };
  const empty = tree.children.length === 0;
  return (
    <div>
      {empty ? (
        <Flex align="center" gap={12} wrap>
          <Typography.Text type="secondary">
            {props.emptyText ?? t('condition.none')}
          </Typography.Text>
          <Button
            size="small"
            icon={<PlusOutlined />}
            disabled={disabled || fields.length === 0}
            onClick={() => update({ ...tree, children: [newRule(fields[0]!, scope)] })}
          >
            {t('condition.addRule')}
          </Button>
        </Flex>
      ) : (
        <ConditionGroupEditor
          group={tree}
          fields={fields}
          scope={scope}
          onChange={update}
          disabled={disabled}
          root
        />
      )}
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={errors.length === 1 ? errors[0] : undefined}
          description={
            errors.length > 1 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
    </div>
  );
}
