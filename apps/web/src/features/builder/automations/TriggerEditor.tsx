import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  TRIGGER_TYPES,
  triggerConfigSchemas,
  type AutomationSpec,
  type EntitySpec,
  type TriggerType,
} from '@trellis/spec';
import { itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { ConfigProps, type ConfigSchema } from '../common/ConfigProps';
import { newTrigger } from './defaults';

type Props = { automation: AutomationSpec; entity: EntitySpec | undefined; pointer: string };

/** What starts the automation: the trigger picker and the trigger's own settings. */
export function TriggerEditor({ automation, entity, pointer }: Props) {
  const { t } = useTranslation('builder');
  const edit = useEdit();
  const spec = useDraftSpec();
  const problems = useProblems(`${pointer}/on`);
  const on = automation.on;
  return (
    <Form layout="vertical">
      <Form.Item label={t('automations.triggerLabel')} required>
        <Select
          aria-label={t('automations.triggerLabel')}
          value={on.type}
          style={{ maxWidth: 420, width: '100%' }}
          options={TRIGGER_TYPES.map((v) => ({ value: v, label: t(`automations.triggers.${v}`) }))}
          onChange={(type: TriggerType) =>
            edit(t('automations.triggerStep'), (s) => {
              const a = itemIn(s.automations, automation.key);
              const next = newTrigger(type, spec) as Record<string, unknown>;
              // Keep the entity when the new trigger watches one too.
              const old = a.on as Record<string, unknown>;
              if ('entity' in next && typeof old['entity'] === 'string')
                next['entity'] = old['entity'];
              a.on = next as never;
            })
          }
        />
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
          {t(`automations.triggerHelp.${on.type}`)}
        </Typography.Text>
      </Form.Item>
      <ConfigProps
        schema={triggerConfigSchemas[on.type] as unknown as ConfigSchema}
        value={on as Record<string, unknown>}
        entity={entity}
        ns="automations.props"
        problems={(key) => problems.filter((p) => p.path.startsWith(`${pointer}/on/${key}`))}
        onChange={(key, value) =>
          edit(
            t('automations.triggerStep'),
            (s) => {
              const a = itemIn(s.automations, automation.key).on as Record<string, unknown>;
              setOptional(a, key, value);
            },
            { coalesce: `trigger:${automation.key}:${key}` },
          )
        }
      />
    </Form>
  );
}
