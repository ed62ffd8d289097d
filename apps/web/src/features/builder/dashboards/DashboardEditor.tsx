import { Button, Card, Dropdown, Flex, Form, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Draft } from 'immer';
import { WIDGET_TYPES, type DashboardSpec, type WidgetSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { KeyedCards } from '../common/KeyedCards';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { applyChange } from '../draft/change';
import { pointerOf, setOptional } from '../draft/find';
import { useDraft, useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { ItemJsonEditor } from '../json/ItemJsonEditor';
import { useRemoveItem } from '../common/useRemoveItem';
import { newWidget } from './new-widget';
import { WidgetEditor } from './WidgetEditor';

/** One dashboard: its name, its widgets in reading order (drag, add, remove) and its JSON. */
export function DashboardEditor({ dashboardKey }: { dashboardKey: string }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const removeItem = useRemoveItem('dashboards');
  const spec = useDraftSpec();
  const dashboard = useDraft((s) => s.spec.dashboards?.find((d) => d.key === dashboardKey));
  const pointer = useDraft((s) => pointerOf(s.spec, 'dashboards', dashboardKey));
  const problems = useDraft((s) => s.problems);
  const ownProblems = useProblems(pointer, true);
  if (!dashboard) return null;
  const name = label(dashboard.label, dashboard.key);
  const change = (what: string, recipe: (d: Draft<DashboardSpec>) => void, coalesce?: string) =>
    edit(
      t('dashboards.changeStep', { name, what }),
      (s) => {
        const d = s.dashboards?.find((x) => x.key === dashboardKey);
        if (d) recipe(d);
      },
      coalesce ? { coalesce: `dashboard:${dashboardKey}:${coalesce}` } : undefined,
    );
  const remove = () =>
    removeItem(dashboardKey, {
      title: t('dashboards.removeTitle', { name }),
      step: t('dashboards.removeStep', { name }),
    });
  const widgetsProblems = (i: number) =>
    problems.filter((p) => p.path.startsWith(`${pointer}/widgets/${i}`)).length;
  const addMenu = {
    items: WIDGET_TYPES.map((type) => ({ key: type, label: t(`dashboards.types.${type}`) })),
    onClick: ({ key }: { key: string }) =>
      change(t('dashboards.widgetsWord'), (d) => {
        d.widgets.push(
          newWidget(
            key as WidgetSpec['type'],
            spec,
            d.widgets.map((w) => w.key),
          ) as Draft<WidgetSpec>,
        );
      }),
  };
  const settings = (
    <>
      <ProblemText problems={ownProblems} />
      <Form layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item label={t('dashboards.label')} required>
          <LocaleTextInput
            label={t('dashboards.label')}
            value={dashboard.label}
            onChange={(v) =>
              change(t('dashboards.label'), (d) => setOptional(d, 'label', v as never), 'label')
            }
          />
        </Form.Item>
        <Form.Item label={t('dashboards.description')}>
          <LocaleTextInput
            label={t('dashboards.description')}
            value={dashboard.description}
            multiline
            onChange={(v) =>
              change(
                t('dashboards.description'),
                (d) => setOptional(d, 'description', v as never),
                'description',
              )
            }
          />
        </Form.Item>
      </Form>
      <KeyedCards<WidgetSpec>
        title={t('dashboards.widgets')}
        intro={t('dashboards.widgetsHelp')}
        items={dashboard.widgets}
        name={(w) => label(w.title, w.key)}
        problems={widgetsProblems}
        onMove={(next) =>
          change(t('dashboards.widgetsWord'), (d) => void (d.widgets = next as Draft<WidgetSpec>[]))
        }
        onAdd={() => undefined}
        addText={t('dashboards.addWidget')}
        addButton={
          <Dropdown menu={addMenu} trigger={['click']}>
            <Button size="small" type="primary" ghost icon={<PlusOutlined />}>
              {t('dashboards.addWidget')}
            </Button>
          </Dropdown>
        }
        onRemove={(w) =>
          change(t('dashboards.widgetsWord'), (d) => {
            // A dashboard keeps at least one widget (the spec requires it).
            if (d.widgets.length > 1) d.widgets = d.widgets.filter((x) => x.key !== w.key);
          })
        }
        empty={t('dashboards.noWidgets')}
        render={(w, i) => (
          <WidgetEditor
            widget={w}
            pointer={`${pointer}/widgets/${i}`}
            dashboard={dashboard}
            onChange={(next, what) =>
              change(
                what,
                (d) => {
                  const at = d.widgets.findIndex((x) => x.key === w.key);
                  if (at >= 0)
                    d.widgets[at] = applyChange(
                      d.widgets[at] as WidgetSpec,
                      next,
                    ) as Draft<WidgetSpec>;
                },
                `${w.key}:${what}`,
              )
            }
          />
        )}
      />
    </>
  );
  return (
    <Card
      title={
        <Flex align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {name}
          </Typography.Text>
          <Typography.Text type="secondary" code>
            {dashboard.key}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Button danger icon={<DeleteOutlined />} onClick={remove}>
          {t('dashboards.remove')}
        </Button>
      }
    >
      <Tabs
        items={[
          { key: 'design', label: t('dashboards.design'), children: settings },
          {
            key: 'json',
            label: t('common.json'),
            children: <ItemJsonEditor list="dashboards" item={dashboard} name={name} />,
          },
        ]}
      />
    </Card>
  );
}
