import { useState } from 'react';
import { Badge, Button, Flex, Popover, Tag, theme, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { fieldTypes, type EntitySpec, type FieldType } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { camelKeyFrom } from '../common/keys';
import { moved, SortableList } from '../common/SortableList';
import { entityIn } from '../draft/find';
import { useDraftStore, useEdit, useProblems } from '../draft/useDraft';
import { FIELD_TYPE_ICONS } from './field-type-icons';
import { FieldDrawer } from './FieldDrawer';
import { FieldTypePicker } from './FieldTypePicker';
import { newField } from './new-field';

type Props = { entity: EntitySpec; pointer: string; at: string };

/** The fields in their order (drag to reorder), what each is, and the editor of one. */
export function FieldList({ entity, pointer, at }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const store = useDraftStore();
  const { token } = theme.useToken();
  const problems = useProblems(`${pointer}/fields`);
  const atField = new RegExp(`^${pointer}/fields/(\\d+)`).exec(at)?.[1];
  const [open, setOpen] = useState<string | null>(
    atField ? (entity.fields[Number(atField)]?.key ?? null) : null,
  );
  const [picking, setPicking] = useState(false);
  const name = label(entity.label, entity.key);
  const identity = new Set((entity.identity ?? []).flat());
  const add = (type: FieldType) => {
    setPicking(false);
    const spec = store.getSnapshot().spec;
    const text = {
      'zh-CN': t('fields.newLabel', { lng: 'zh-CN' }),
      en: t('fields.newLabel', { lng: 'en' }),
    };
    const key = camelKeyFrom(
      '',
      entity.fields.map((f) => f.key),
      type,
    );
    edit(t('fields.addStep', { entity: name }), (s) => {
      entityIn(s, entity.key).fields.push(newField(type, key, text, spec, entity) as never);
    });
    setOpen(key);
  };
  return (
    <div>
      <SortableList
        ids={entity.fields.map((f) => f.key)}
        onMove={(from, to) =>
          edit(t('fields.moveStep', { entity: name }), (s) => {
            const e = entityIn(s, entity.key);
            e.fields = moved(e.fields, from, to);
          })
        }
      >
        {(key, handle, i) => {
          const f = entity.fields.find((x) => x.key === key)!;
          const count = problems.filter(
            (p) =>
              p.path.startsWith(`${pointer}/fields/${i}/`) || p.path === `${pointer}/fields/${i}`,
          ).length;
          return (
            <Flex
              align="center"
              gap={8}
              wrap
              style={{
                padding: '6px 8px',
                borderBottom: `1px solid ${token.colorSplit}`,
                background: token.colorBgContainer,
              }}
            >
              {handle}
              <Button
                type="link"
                // The label never shrinks: a centred button clipped Chinese labels on both sides
                // at phone width. The key (below) gives way instead.
                style={{ padding: 0, flex: '0 0 auto' }}
                onClick={() => setOpen(key)}
              >
                {label(f.label, f.key)}
              </Button>
              <Tag icon={FIELD_TYPE_ICONS[f.type]} style={{ marginInlineEnd: 0 }}>
                {label(fieldTypes[f.type].label, f.type)}
              </Tag>
              {f.required ? <Tag color="red">{t('fields.required')}</Tag> : null}
              {f.requiredIf !== undefined ? (
                <Tag color="orange">{t('fields.requiredIf')}</Tag>
              ) : null}
              {entity.titleField === f.key ? <Tag color="blue">{t('fields.isTitle')}</Tag> : null}
              {identity.has(f.key) ? <Tag color="purple">{t('fields.isIdentity')}</Tag> : null}
              {'unique' in f && f.unique ? <Tag>{t('fields.unique')}</Tag> : null}
              <Typography.Text
                type="secondary"
                code
                ellipsis
                style={{ marginInlineStart: 'auto', minWidth: 0, whiteSpace: 'nowrap' }}
              >
                {f.key}
              </Typography.Text>
              {count ? <Badge count={count} size="small" /> : null}
            </Flex>
          );
        }}
      </SortableList>
      <Popover
        open={picking}
        onOpenChange={setPicking}
        trigger="click"
        title={t('fields.pickType')}
        content={<FieldTypePicker onPick={add} />}
      >
        <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 12 }}>
          {t('fields.add')}
        </Button>
      </Popover>
      {open && entity.fields.some((f) => f.key === open) ? (
        <FieldDrawer
          entity={entity}
          fieldKey={open}
          pointer={pointer}
          onKey={setOpen}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </div>
  );
}
