import { Button, ColorPicker, Flex, Input, Switch, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OptionSpec } from '@trellis/spec';
import { camelKeyFrom } from '../common/keys';
import { moved, SortableList } from '../common/SortableList';
import { usePublished } from '../common/usePublished';
import type { SettingEditorProps } from './setting-editors';

const PALETTE = [
  '#1677ff',
  '#13c2c2',
  '#52c41a',
  '#fadb14',
  '#fa8c16',
  '#f5222d',
  '#eb2f96',
  '#722ed1',
  '#8c8c8c',
];

/**
 * The choices of a select field: names in each language, color, drag order, "no longer offered"
 * for choices old records still use, and the stored value (fixed once published).
 */
export function OptionsEditor({ entity, field, value, onChange }: SettingEditorProps) {
  const { t } = useTranslation('builder');
  const published = usePublished();
  const options = (Array.isArray(value) ? value : []) as OptionSpec[];
  // Every change is made to the options as the draft holds them when it is applied (not as this
  // render saw them): a blur right after typing, on a busy machine, put the typed names back.
  const change = (recipe: (latest: OptionSpec[]) => OptionSpec[]) =>
    onChange((latest: unknown) => recipe(Array.isArray(latest) ? (latest as OptionSpec[]) : []));
  const set = (i: number, patch: (o: OptionSpec) => Partial<OptionSpec>) =>
    change((list) => list.map((o, j) => (j === i ? dropEmpty({ ...o, ...patch(o) }) : o)));
  const add = () =>
    change((list) => {
      const n = list.length + 1;
      const label = {
        'zh-CN': t('options.newLabel', { n, lng: 'zh-CN' }),
        en: t('options.newLabel', { n, lng: 'en' }),
      };
      return [
        ...list,
        {
          value: camelKeyFrom(
            '',
            list.map((o) => o.value),
            'option',
          ),
          label,
        },
      ];
    });
  return (
    <div role="list" aria-label={t('options.title')}>
      <SortableList
        ids={options.map((o) => o.value)}
        onMove={(from, to) => change((list) => moved(list, from, to))}
      >
        {(id, handle, i) => {
          const o = options[i]!;
          const locked = published.option(entity.key, field.key, o.value);
          const label = (o.label ?? {}) as Record<string, string>;
          const setLabel = (locale: string, text: string) =>
            set(i, (now) => {
              const next = { ...(now.label as Record<string, string>), [locale]: text };
              if (!text) delete next[locale];
              return { label: next as OptionSpec['label'] };
            });
          // A new choice's stored value follows its English name until it is published (set when
          // the name is done, so the row keeps its identity while typing).
          const settle = () =>
            change((list) => {
              const now = list[i];
              const en = (now?.label as Record<string, string> | undefined)?.en;
              if (locked || !now || !/^option\d*$/.test(now.value) || !en) return list;
              const others = list.filter((x) => x.value !== now.value).map((x) => x.value);
              return list.map((o, j) =>
                j === i ? { ...o, value: camelKeyFrom(en, others, 'option') } : o,
              );
            });
          return (
            <Flex role="listitem" align="center" gap={6} wrap style={{ padding: '4px 0' }} key={id}>
              {handle}
              <ColorPicker
                size="small"
                allowClear
                presets={[{ label: t('options.colors'), colors: PALETTE }]}
                value={o.color ?? null}
                onChange={(c) => set(i, () => ({ color: c.toHexString() }))}
                onClear={() => set(i, () => ({ color: undefined }))}
                aria-label={t('options.color')}
              />
              <Input
                size="small"
                aria-label={t('options.labelZh', { n: i + 1 })}
                placeholder="中文"
                value={label['zh-CN'] ?? ''}
                onChange={(e) => setLabel('zh-CN', e.target.value)}
                // The inputs share the row and grow into what is left when it wraps (on a phone the
                // stored value had 110 px: "friendOrColleague" read "friendOrCol").
                style={{ flex: '1 1 100px' }}
              />
              <Input
                size="small"
                aria-label={t('options.labelEn', { n: i + 1 })}
                placeholder="English"
                value={label.en ?? ''}
                onChange={(e) => setLabel('en', e.target.value)}
                onBlur={settle}
                style={{ flex: '1 1 120px' }}
              />
              <Tooltip title={locked ? t('common.keyLocked') : t('options.valueHelp')}>
                <Input
                  size="small"
                  aria-label={t('options.value', { n: i + 1 })}
                  value={o.value}
                  disabled={locked}
                  onChange={(e) => set(i, () => ({ value: e.target.value }))}
                  style={{ flex: '1 1 110px', fontFamily: 'monospace' }}
                />
              </Tooltip>
              <Tooltip title={t('options.archivedHelp')}>
                <Switch
                  size="small"
                  checkedChildren={t('options.offered')}
                  unCheckedChildren={t('options.archived')}
                  checked={!o.archived}
                  onChange={(on) => set(i, () => ({ archived: on ? undefined : true }))}
                />
              </Tooltip>
              <Button
                type="text"
                size="small"
                icon={<DeleteOutlined />}
                aria-label={t('options.remove', { n: i + 1 })}
                disabled={options.length <= 1}
                onClick={() => change((list) => list.filter((_, j) => j !== i))}
              />
            </Flex>
          );
        }}
      </SortableList>
      <Button size="small" icon={<PlusOutlined />} onClick={add} style={{ marginTop: 6 }}>
        {t('options.add')}
      </Button>
    </div>
  );
}

function dropEmpty(o: OptionSpec): OptionSpec {
  const out = { ...o } as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as OptionSpec;
}
