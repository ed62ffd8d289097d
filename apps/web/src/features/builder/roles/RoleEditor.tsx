import { Alert, Button, Card, Checkbox, Flex, Form, Tabs, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Draft } from 'immer';
import { CAPABILITIES, workbenchOf, type RoleSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { itemIn, pointerOf, setOptional } from '../draft/find';
import { useDraft, useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { ItemJsonEditor } from '../json/ItemJsonEditor';
import { useRemoveItem } from '../common/useRemoveItem';
import { FieldAccess } from './FieldAccess';
import { RecordMatrix } from './RecordMatrix';
import { WorkbenchEditor } from './WorkbenchEditor';

/** One role: its records matrix, field access, extra rights, home page, and its JSON. */
export function RoleEditor({ roleKey }: { roleKey: string }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const removeItem = useRemoveItem('roles');
  const role = useDraft((s) => s.spec.roles?.find((r) => r.key === roleKey));
  const pointer = useDraft((s) => pointerOf(s.spec, 'roles', roleKey));
  const problems = useProblems(pointer);
  if (!role) return null;
  const name = label(role.label, role.key);
  const change = (what: string, recipe: (r: Draft<RoleSpec>) => void, coalesce?: string) =>
    edit(
      t('roles.changeStep', { name, what }),
      (s) => recipe(itemIn(s.roles, role.key)),
      coalesce ? { coalesce: `role:${role.key}:${coalesce}` } : undefined,
    );
  const remove = () =>
    removeItem(role.key, {
      title: t('roles.removeTitle', { name }),
      content: t('roles.removeHelp'),
      step: t('roles.removeStep', { name }),
    });
  const at = (prop: string) => problems.filter((p) => p.path.startsWith(`${pointer}/${prop}`));
  return (
    <Card
      title={
        <Typography.Text strong style={{ fontSize: 16 }}>
          {name}
        </Typography.Text>
      }
      extra={
        <Button danger icon={<DeleteOutlined />} onClick={remove}>
          {t('roles.remove')}
        </Button>
      }
    >
      <ProblemText problems={problems.filter((p) => p.path === pointer)} />
      <Tabs
        items={[
          {
            key: 'records',
            label: t('roles.tabs.records'),
            children: (
              <>
                <Form layout="vertical" style={{ maxWidth: 640 }}>
                  <Form.Item label={t('roles.label')} required>
                    <LocaleTextInput
                      label={t('roles.label')}
                      value={role.label}
                      onChange={(v) =>
                        change(
                          t('roles.label'),
                          (r) => setOptional(r, 'label', v as never),
                          'label',
                        )
                      }
                    />
                    <ProblemText problems={at('label')} />
                  </Form.Item>
                </Form>
                <Typography.Paragraph type="secondary">
                  {t('roles.matrixHelp')}
                </Typography.Paragraph>
                <RecordMatrix
                  role={role}
                  entities={spec.entities}
                  problems={problems}
                  pointer={pointer}
                  onChange={(entity, next) =>
                    change(t('roles.tabs.records'), (r) => {
                      if (next) r.entities[entity] = next;
                      else delete r.entities[entity];
                    })
                  }
                />
              </>
            ),
          },
          {
            key: 'fields',
            label: t('roles.tabs.fields'),
            children: (
              <FieldAccess
                role={role}
                entities={spec.entities}
                onChange={(entity, field, access) =>
                  change(t('roles.tabs.fields'), (r) => {
                    const fields = (r.fields ??= {});
                    const of = (fields[entity] ??= {});
                    if (access === 'editable') delete of[field];
                    else of[field] = access;
                    if (Object.keys(of).length === 0) delete fields[entity];
                    if (Object.keys(fields).length === 0) delete r.fields;
                  })
                }
              />
            ),
          },
          {
            key: 'capabilities',
            label: t('roles.tabs.capabilities'),
            children: (
              <Flex vertical gap={10}>
                {CAPABILITIES.map((c) => (
                  <Checkbox
                    key={c}
                    checked={role.capabilities?.includes(c) ?? false}
                    onChange={(e) =>
                      change(t('roles.tabs.capabilities'), (r) => {
                        const next = new Set(r.capabilities ?? []);
                        if (e.target.checked) next.add(c);
                        else next.delete(c);
                        setOptional(
                          r,
                          'capabilities',
                          next.size ? CAPABILITIES.filter((x) => next.has(x)) : undefined,
                        );
                      })
                    }
                  >
                    <Typography.Text strong>{t(`roles.caps.${c}`)}</Typography.Text>{' '}
                    <Typography.Text type="secondary">{t(`roles.capsHelp.${c}`)}</Typography.Text>
                  </Checkbox>
                ))}
              </Flex>
            ),
          },
          {
            key: 'workbench',
            label: t('roles.tabs.workbench'),
            children: (
              <>
                <Typography.Paragraph type="secondary">
                  {t('roles.workbenchHelp')}
                </Typography.Paragraph>
                {role.workbench ? (
                  <Flex align="center" gap={8} style={{ marginBottom: 12 }} wrap>
                    <Typography.Text>{t('roles.chosenHome')}</Typography.Text>
                    <Button
                      size="small"
                      onClick={() =>
                        change(t('roles.tabs.workbench'), (r) => {
                          delete r.workbench;
                        })
                      }
                    >
                      {t('roles.backToDefault')}
                    </Button>
                  </Flex>
                ) : (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={t('roles.defaultHome')}
                  />
                )}
                {/* The default is shown as panels: changing one makes it this role's own. */}
                <WorkbenchEditor
                  spec={spec}
                  value={workbenchOf(spec, role)}
                  onChange={(v) =>
                    change(t('roles.tabs.workbench'), (r) => {
                      r.workbench = v as Draft<RoleSpec>['workbench'];
                    })
                  }
                />
                <ProblemText problems={at('workbench')} />
              </>
            ),
          },
          {
            key: 'json',
            label: t('common.json'),
            children: <ItemJsonEditor list="roles" item={role} name={name} />,
          },
        ]}
      />
    </Card>
  );
}
