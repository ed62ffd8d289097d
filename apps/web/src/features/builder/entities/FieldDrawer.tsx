import { App, Button, Drawer, Flex, Form, Input, Select, Switch, Tooltip, Typography } from 'antd';
import { DeleteOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useEffect, useRef, type FocusEvent } from 'react';
import {
  FIELD_TYPES,
  fieldTypes,
  type EntitySpec,
  type FieldSpec,
  type FieldType,
} from '@trellis/spec';
import { ConditionBuilder } from '../../../components/condition-builder/ConditionBuilder';
import { conditionFields } from '../../../lib/condition/fields';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { camelKeyFrom } from '../common/keys';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { usePublished } from '../common/usePublished';
import { entityIn, fieldIn, setOptional } from '../draft/find';
import { renameField } from '../draft/rename-field';
import { useDraftSpec, useDraftStore, useEdit, useProblems } from '../draft/useDraft';
import { FIELD_TYPE_ICONS } from './field-type-icons';
import { FieldSettings } from './FieldSettings';
import { retyped } from './new-field';

type Props = {
  entity: EntitySpec;
  fieldKey: string;
  pointer: string;
  onKey: (key: string) => void;
  onClose: () => void;
};

/** Everything about one field: names, type, required (always or when…), help, type settings. */
export function FieldDrawer({ entity, fieldKey, pointer, onKey, onClose }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const store = useDraftStore();
  const phone = useIsPhone();
  const spec = useDraftSpec();
  const { modal } = App.useApp();
  const published = usePublished();
  const index = entity.fields.findIndex((f) => f.key === fieldKey);
  const field = entity.fields[index] as FieldSpec;
  const at = `${pointer}/fields/${index}`;
  const problems = useProblems(at);
  const locked = published.field(entity.key, field.key);
  const name = label(field.label, field.key);
  // The key edits go to. A rename (when the name is left) takes effect before this drawer renders
  // again: an edit made meanwhile, addressed to the old key, was dropped (typing into an option
  // right after naming the field lost the text).
  const keyNow = useRef(field.key);
  useEffect(() => {
    keyNow.current = field.key;
  });
  const set = (prop: string, value: unknown) =>
    edit(
      t('fields.changeStep', {
        name,
        what: t(`settings.${prop}.label`, {
          defaultValue: t(`fields.${prop}`, { defaultValue: prop }),
        }),
      }),
      (s) =>
        setOptional(fieldIn(s, entity.key, keyNow.current) as Record<string, unknown>, prop, value),
      { coalesce: `field:${entity.key}.${keyNow.current}:${prop}` },
    );
  const at_ = (prop: string) =>
    problems.filter((p) => p.path === `${at}/${prop}` || p.path.startsWith(`${at}/${prop}/`));
  // The key of a new field follows its English name (until it is published), settled when the
  // name is left: not when moving from the Chinese name to the English one, which still holds
  // the placeholder name ("New field" made every such key newField).
  const settleKey = (e: FocusEvent) => {
    if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
    // The name as the draft holds it now (this render may not have seen the last keystroke yet).
    const now = store.getSnapshot().spec.entities.find((x) => x.key === entity.key);
    const en = (now?.fields.find((f) => f.key === field.key)?.label as Record<string, string>)?.en;
    if (locked || !en || en === t('fields.newLabel', { lng: 'en' })) return;
    if (!new RegExp(`^${field.type}\\d+$`).test(field.key)) return;
    const key = camelKeyFrom(
      en,
      entity.fields.filter((f) => f.key !== field.key).map((f) => f.key),
      field.type,
    );
    edit(t('fields.renameStep', { name }), (s) => renameField(s, entity.key, field.key, key));
    keyNow.current = key;
    onKey(key);
  };
  const changeType = (type: FieldType) => {
    const apply = () =>
      edit(t('fields.typeStep', { name }), (s) => {
        const e = entityIn(s, entity.key);
        const i = e.fields.findIndex((f) => f.key === field.key);
        e.fields[i] = retyped(field, type, spec, entity) as never;
      });
    if (!locked) return apply();
    modal.confirm({ title: t('fields.retypeTitle'), content: t('fields.retypeText'), onOk: apply });
  };
  const remove = () =>
    modal.confirm({
      title: t('fields.removeTitle', { name }),
      content: locked ? t('fields.removePublished') : t('fields.removeNew'),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: () => {
        onClose();
        edit(t('fields.removeStep', { name }), (s) => {
          const e = entityIn(s, entity.key);
          e.fields = e.fields.filter((f) => f.key !== field.key);
          if (e.identity)
            e.identity = e.identity
              .map((k) => k.filter((f) => f !== field.key))
              .filter((k) => k.length > 0);
        });
      },
    });
  const fields = conditionFields(spec, entity, label).filter((f) => f.key !== field.key);
  return (
    <Drawer
      open
      size={phone ? '100%' : 560}
      onClose={onClose}
      title={
        <Flex gap={8} align="center">
          {FIELD_TYPE_ICONS[field.type]}
          <span>{name}</span>
        </Flex>
      }
      footer={
        <Button danger icon={<DeleteOutlined />} onClick={remove}>
          {t('fields.remove')}
        </Button>
      }
    >
      <ProblemText problems={problems.filter((p) => p.path === at)} />
      <Form layout="vertical">
        <Form.Item label={t('fields.label')} required>
          <div onBlur={settleKey}>
            <LocaleTextInput
              label={t('fields.label')}
              value={field.label}
              onChange={(v) => set('label', v)}
            />
          </div>
          <ProblemText problems={at_('label')} />
        </Form.Item>
        <Form.Item
          label={t('fields.key')}
          extra={locked ? t('common.keyLocked') : t('fields.keyHelp')}
        >
          <Input
            aria-label={t('fields.key')}
            value={field.key}
            disabled={locked}
            suffix={locked ? <LockOutlined /> : undefined}
            style={{ maxWidth: 260, fontFamily: 'monospace' }}
            onChange={(e) => {
              const key = e.target.value;
              edit(
                t('fields.renameStep', { name }),
                (s) => renameField(s, entity.key, field.key, key),
                { coalesce: `key:${entity.key}.${field.key}` },
              );
              keyNow.current = key;
              onKey(key);
            }}
          />
          <ProblemText problems={at_('key')} />
        </Form.Item>
        <Form.Item label={t('fields.type')}>
          <Select
            aria-label={t('fields.type')}
            value={field.type}
            style={{ maxWidth: 260 }}
            options={FIELD_TYPES.map((type) => ({
              value: type,
              label: (
                <Flex gap={6}>
                  {FIELD_TYPE_ICONS[type]}
                  {label(fieldTypes[type].label, type)}
                </Flex>
              ),
            }))}
            onChange={changeType}
          />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item label={t('fields.required')}>
            <Switch
              aria-label={t('fields.required')}
              checked={field.required === true}
              onChange={(v) => set('required', v || undefined)}
            />
          </Form.Item>
          <Form.Item label={t('fields.readOnly')} tooltip={t('fields.readOnlyHelp')}>
            <Switch
              aria-label={t('fields.readOnly')}
              checked={field.readOnly === true}
              onChange={(v) => set('readOnly', v || undefined)}
            />
          </Form.Item>
          <Form.Item label={t('fields.indexed')} tooltip={t('fields.indexedHelp')}>
            <Switch
              aria-label={t('fields.indexed')}
              checked={field.indexed === true}
              onChange={(v) => set('indexed', v || undefined)}
            />
          </Form.Item>
        </Flex>
        {field.required ? null : (
          <Form.Item label={t('fields.requiredIf')} extra={t('fields.requiredIfHelp')}>
            <ConditionBuilder
              value={field.requiredIf}
              fields={fields}
              emptyText={t('fields.neverRequired')}
              errors={at_('requiredIf').map((p) => p.message)}
              onChange={(v) => set('requiredIf', v)}
            />
          </Form.Item>
        )}
        <Form.Item label={t('fields.help')}>
          <LocaleTextInput
            label={t('fields.help')}
            value={field.help}
            onChange={(v) => set('help', v)}
          />
        </Form.Item>
        <Form.Item label={t('fields.placeholder')}>
          <LocaleTextInput
            label={t('fields.placeholder')}
            value={field.placeholder}
            onChange={(v) => set('placeholder', v)}
          />
        </Form.Item>
        <Typography.Title level={5} style={{ marginTop: 8 }}>
          {t('fields.typeSettings', { type: label(fieldTypes[field.type].label, field.type) })}
        </Typography.Title>
        <FieldSettings spec={spec} entity={entity} field={field} problems={at_} onChange={set} />
      </Form>
      <Tooltip />
    </Drawer>
  );
}
