import { Button, Card, Dropdown, Flex, Form, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  ACTION_TYPES,
  actionConfigSchemas,
  type ActionSpec,
  type ActionType,
  type AutomationSpec,
  type EntitySpec,
} from '@trellis/spec';
import { moved, SortableList } from '../common/SortableList';
import { itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { ConfigProps, type ConfigSchema } from '../common/ConfigProps';
import { newAction } from './defaults';

type Props = { automation: AutomationSpec; entity: EntitySpec | undefined; pointer: string };

/**
 * The actions, run in order (a failing one stops the rest): drag to reorder; each has its
 * config form, generated from the action's config schema.
 */
export function ActionList({ automation, entity, pointer }: Props) {
  const { t } = useTranslation('builder');
  const edit = useEdit();
  const spec = useDraftSpec();
  const problems = useProblems(`${pointer}/do`);
  const ids = automation.do.map((_, i) => String(i));
  const change = (
    label: string,
    recipe: (list: ActionSpec[]) => ActionSpec[] | void,
    coalesce?: string,
  ) =>
    edit(
      label,
      (s) => {
        const a = itemIn(s.automations, automation.key);
        const next = recipe(a.do as ActionSpec[]);
        if (next) a.do = next as never;
      },
      coalesce ? { coalesce } : undefined,
    );
  return (
    <div>
      <SortableList
        ids={ids}
        onMove={(from, to) =>
          change(t('automations.moveActionStep'), (list) => moved(list, from, to))
        }
      >
        {(id, handle, i) => {
          const action = automation.do[i]!;
          const at = `${pointer}/do/${i}`;
          return (
            <Card
              size="small"
              style={{ marginBottom: 8 }}
              title={
                <Flex align="center" gap={6}>
                  {handle}
                  <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                  <Select
                    aria-label={t('automations.actionType', { n: i + 1 })}
                    value={action.type}
                    variant="borderless"
                    popupMatchSelectWidth={false}
                    style={{ minWidth: 180 }}
                    options={ACTION_TYPES.map((v) => ({
                      value: v,
                      label: t(`automations.actions.${v}`),
                    }))}
                    onChange={(type: ActionType) =>
                      change(t('automations.actionTypeStep'), (list) => {
                        list[i] = newAction(type, spec) as never;
                      })
                    }
                  />
                </Flex>
              }
              extra={
                <Button
                  type="text"
                  size="small"
                  danger
                  disabled={automation.do.length === 1}
                  icon={<DeleteOutlined />}
                  aria-label={t('automations.removeAction', { n: i + 1 })}
                  onClick={() =>
                    change(t('automations.removeActionStep'), (list) =>
                      list.filter((_, j) => j !== i),
                    )
                  }
                />
              }
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                {t(`automations.actionHelp.${action.type}`)}
              </Typography.Paragraph>
              <Form layout="vertical">
                <ConfigProps
                  schema={actionConfigSchemas[action.type] as unknown as ConfigSchema}
                  value={action as Record<string, unknown>}
                  entity={entity}
                  ns="automations.props"
                  problems={(key) => problems.filter((p) => p.path.startsWith(`${at}/${key}`))}
                  onChange={(key, value) =>
                    change(
                      t('automations.actionChangeStep', { n: i + 1 }),
                      (list) => {
                        setOptional(list[i] as Record<string, unknown>, key, value);
                      },
                      `action:${automation.key}.${id}:${key}`,
                    )
                  }
                />
              </Form>
            </Card>
          );
        }}
      </SortableList>
      <Dropdown
        trigger={['click']}
        menu={{
          items: ACTION_TYPES.map((v) => ({ key: v, label: t(`automations.actions.${v}`) })),
          onClick: ({ key }) =>
            change(t('automations.addActionStep'), (list) => {
              list.push(newAction(key as ActionType, spec));
            }),
        }}
      >
        <Button icon={<PlusOutlined />}>{t('automations.addAction')}</Button>
      </Dropdown>
    </div>
  );
}
