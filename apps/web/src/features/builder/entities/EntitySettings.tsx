import { ColorPicker, Form, Input, Select, Switch, Tooltip } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fieldTypes, type EntitySpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { usePublished } from '../common/usePublished';
import { entityIn, setOptional } from '../draft/find';
import { useEdit, useProblems } from '../draft/useDraft';
import { IdentityEditor } from './IdentityEditor';

/** Names, the title field, owners and the public pool, identity (dedup) keys, color. */
export function EntitySettings({ entity, pointer }: { entity: EntitySpec; pointer: string }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const published = usePublished();
  const name = label(entity.label, entity.key);
  const set = <K extends keyof EntitySpec>(
    prop: K,
    value: EntitySpec[K] | undefined,
    what: string,
  ) =>
    edit(
      t('entities.changeStep', { name, what }),
      (s) => setOptional(entityIn(s, entity.key), prop, value as never),
      { coalesce: `entity:${entity.key}:${String(prop)}` },
    );
  const problems = useProblems(pointer);
  const p = (prop: string) =>
    problems.filter(
      (x) => x.path === `${pointer}/${prop}` || x.path.startsWith(`${pointer}/${prop}/`),
    );
  const titleCandidates = entity.fields.filter((f) => fieldTypes[f.type].title);
  return (
    <Form layout="vertical" style={{ maxWidth: 640 }}>
      <Form.Item label={t('entities.label')} required>
        <LocaleTextInput
          label={t('entities.label')}
          value={entity.label}
          onChange={(v) => set('label', v as never, t('entities.label'))}
        />
        <ProblemText problems={p('label')} />
      </Form.Item>
      <Form.Item label={t('entities.pluralLabel')} extra={t('entities.pluralHelp')}>
        <LocaleTextInput
          label={t('entities.pluralLabel')}
          value={entity.pluralLabel}
          onChange={(v) => set('pluralLabel', v as never, t('entities.pluralLabel'))}
        />
      </Form.Item>
      <Form.Item label={t('entities.description')}>
        <LocaleTextInput
          multiline
          label={t('entities.description')}
          value={entity.description}
          onChange={(v) => set('description', v as never, t('entities.description'))}
        />
      </Form.Item>
      <Form.Item label={t('entities.key')} extra={t('entities.keyHelp')}>
        <Tooltip title={published.entity(entity.key) ? t('common.keyLocked') : undefined}>
          <Input
            value={entity.key}
            disabled
            suffix={published.entity(entity.key) ? <LockOutlined /> : undefined}
            style={{ maxWidth: 240 }}
          />
        </Tooltip>
      </Form.Item>
      <Form.Item label={t('entities.titleField')} extra={t('entities.titleHelp')} required>
        <Select
          aria-label={t('entities.titleField')}
          value={entity.titleField}
          style={{ maxWidth: 320 }}
          options={titleCandidates.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
          onChange={(v: string) => set('titleField', v, t('entities.titleField'))}
        />
        <ProblemText problems={p('titleField')} />
      </Form.Item>
      <Form.Item label={t('entities.owned')} extra={t('entities.ownedHelp')}>
        <Switch
          aria-label={t('entities.owned')}
          checked={entity.owned !== false}
          onChange={(v) => set('owned', v ? undefined : false, t('entities.owned'))}
        />
      </Form.Item>
      <Form.Item label={t('entities.pool')} extra={t('entities.poolHelp')}>
        <Switch
          aria-label={t('entities.pool')}
          checked={entity.pool === true}
          disabled={entity.owned === false}
          onChange={(v) => set('pool', v || undefined, t('entities.pool'))}
        />
        <ProblemText problems={p('pool')} />
      </Form.Item>
      <Form.Item label={t('entities.identity')} extra={t('entities.identityHelp')}>
        <IdentityEditor
          entity={entity}
          onChange={(v) => set('identity', v, t('entities.identity'))}
        />
        <ProblemText problems={p('identity')} />
      </Form.Item>
      <Form.Item label={t('entities.color')}>
        <ColorPicker
          allowClear
          value={entity.color ?? null}
          onChange={(c) => set('color', c.toHexString(), t('entities.color'))}
          onClear={() => set('color', undefined, t('entities.color'))}
        />
      </Form.Item>
    </Form>
  );
}
