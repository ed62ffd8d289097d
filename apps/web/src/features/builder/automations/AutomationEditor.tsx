import { Button, Card, Flex, Form, Switch, Tabs, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AppSpec, AutomationSpec } from '@trellis/spec';
import { ConditionBuilder } from '../../../components/condition-builder/ConditionBuilder';
import { conditionFields } from '../../../lib/condition/fields';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { useSystemLabel } from '../common/useSystemLabel';
import { itemIn, pointerOf, setOptional } from '../draft/find';
import { useDraft, useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { ItemJsonEditor } from '../json/ItemJsonEditor';
import { useRemoveItem } from '../common/useRemoveItem';
import { ActionList } from './ActionList';
import { AutomationTest } from './AutomationTest';
import { TriggerEditor } from './TriggerEditor';

/** The entity whose records an automation acts on: the trigger's, its form's or its source's. */
function automationEntity(spec: AppSpec, a: AutomationSpec): string | undefined {
  const on = a.on as Record<string, unknown>;
  if (typeof on['entity'] === 'string') return on['entity'];
  if (on.type === 'form.submitted') return spec.forms?.find((f) => f.key === on['form'])?.entity;
  if (on.type === 'webhook.received')
    return spec.webhookSources?.find((w) => w.key === on['source'])?.entity;
  return undefined;
}

/** One automation: when (trigger), only if (condition), do (actions); its dry run; its JSON. */
export function AutomationEditor({ automationKey }: { automationKey: string }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const systemLabel = useSystemLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const removeItem = useRemoveItem('automations');
  const automation = useDraft((s) => s.spec.automations?.find((a) => a.key === automationKey));
  const pointer = useDraft((s) => pointerOf(s.spec, 'automations', automationKey));
  const problems = useProblems(pointer);
  if (!automation) return null;
  const entity = spec.entities.find((e) => e.key === automationEntity(spec, automation));
  const name = label(automation.label, automation.key);
  const set = (prop: keyof AutomationSpec, value: unknown) =>
    edit(
      t('automations.changeStep', {
        name,
        what: t(`automations.${prop === 'if' ? 'condition' : prop}`),
      }),
      (s) => setOptional(itemIn(s.automations, automation.key), prop, value as never),
      { coalesce: `automation:${automation.key}:${prop}` },
    );
  const remove = () =>
    removeItem(automation.key, {
      title: t('automations.removeTitle', { name }),
      content: t('automations.removeHelp'),
      step: t('automations.removeStep', { name }),
    });
  const at = (prop: string) => problems.filter((p) => p.path.startsWith(`${pointer}/${prop}`));
  const design = (
    <>
      <Form layout="vertical" style={{ maxWidth: 760 }}>
        <Form.Item label={t('automations.label')} required>
          <LocaleTextInput
            label={t('automations.label')}
            value={automation.label}
            onChange={(v) => set('label', v)}
          />
          <ProblemText problems={at('label')} />
        </Form.Item>
      </Form>
      <Card size="small" title={t('automations.when')} style={{ marginBottom: 12 }}>
        <TriggerEditor automation={automation} entity={entity} pointer={pointer} />
      </Card>
      <Card size="small" title={t('automations.onlyIf')} style={{ marginBottom: 12 }}>
        <ConditionBuilder
          value={automation.if}
          fields={entity ? conditionFields(spec, entity, label, { system: true, systemLabel }) : []}
          scope={{
            user: true,
            previous:
              automation.on.type === 'record.updated' || automation.on.type === 'field.changed',
          }}
          emptyText={t('automations.always')}
          errors={at('if').map((p) => p.message)}
          onChange={(v) => set('if', v)}
        />
      </Card>
      <Card size="small" title={t('automations.do')}>
        <ActionList automation={automation} entity={entity} pointer={pointer} />
      </Card>
    </>
  );
  return (
    <Card
      className="trellis-card-long-title"
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {name}
          </Typography.Text>
          <Switch
            aria-label={t('automations.enabled')}
            checkedChildren={t('automations.on')}
            unCheckedChildren={t('automations.off')}
            checked={automation.enabled !== false}
            onChange={(v) => set('enabled', v ? undefined : false)}
          />
        </Flex>
      }
      extra={
        <Flex gap={8}>
          <Link to={`/automations/runs?automation=${automation.key}`}>
            {t('automations.runLog')}
          </Link>
          <Button
            danger
            icon={<DeleteOutlined />}
            onClick={remove}
            aria-label={t('automations.remove')}
          />
        </Flex>
      }
    >
      <ProblemText problems={problems.filter((p) => p.path === pointer)} />
      <Tabs
        items={[
          { key: 'design', label: t('automations.tabs.design'), children: design },
          {
            key: 'test',
            label: t('automations.tabs.test'),
            children: <AutomationTest automation={automation} entity={entity} />,
          },
          {
            key: 'json',
            label: t('common.json'),
            children: (
              <ItemJsonEditor
                list="automations"
                item={automation}
                entity={entity?.key}
                name={name}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
