import { useDeferredValue, useState } from 'react';
import { AutoComplete, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '@trellis/rules';
import { request } from '../../../lib/api/client';
import { errorText } from '../../../lib/api/error-text';
import { useLabel } from '../../../lib/i18n/useLabel';
import { recordKeys } from '../../../lib/records/keys';
import { titleOf } from '../../../lib/records/spec-helpers';
import type { RecordData } from '../../../lib/records/types';
import { useLiveSpec } from '../../../lib/session/useSpec';
import { useShellNavigate } from '../../../lib/router/useShellNavigate';

type Results = { results: { entity: string; items: RecordData[] }[] };

/** Search every entity the user can read by name, phone or email; a pick opens the record. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useShellNavigate();
  const spec = useLiveSpec();
  const label = useLabel();
  const [text, setText] = useState('');
  const typed = text.trim();
  const q = useDeferredValue(typed);
  const found = useQuery({
    queryKey: recordKeys.search(q),
    queryFn: () => request<Results>('GET', `/api/v1/search?q=${encodeURIComponent(q)}`),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  const options = (found.data?.results ?? []).map((group) => {
    const entity = spec.entities.find((e) => e.key === group.entity);
    // The entity's first phone field, read in its region ("138 0013 8000").
    const phoneField = entity?.fields.find((f) => f.type === 'phone');
    const phoneOf = (r: RecordData) => {
      const v = phoneField ? r[phoneField.key] : undefined;
      return typeof v === 'string' && phoneField?.type === 'phone'
        ? formatPhone(v, phoneField.defaultRegion ?? 'CN')
        : '';
    };
    return {
      label: entity ? label(entity.pluralLabel ?? entity.label, entity.key) : group.entity,
      options: group.items.map((r) => ({
        value: `/records/${group.entity}/${r.id}`,
        label: (
          <div className="trellis-search-hit">
            <span className="trellis-ellipsis">{entity ? titleOf(entity, r) : r.id}</span>
            <span className="trellis-search-meta">{phoneOf(r)}</span>
          </div>
        ),
      })),
    };
  });
  // What the open list says while it has no hits. Never nothing while text is typed: with no
  // options and no content the popup closes, and it opened again (a new motion) as the hits
  // came, so between "No matches" and the next answer's hits it flickered shut — and a tap
  // in that motion could miss. "No matches" only for an answer to exactly what is typed.
  const emptyText = () => {
    if (!typed) return null;
    if (typed !== q || found.isPending) return t('search.searching');
    if (found.isError) return errorText(found.error, t);
    return t('search.none');
  };
  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={setText}
      onSelect={(path: string) => {
        setText('');
        navigate(path);
      }}
      // Enter (a phone keyboard's search key) opens the top hit; without an active option it
      // only closed the list, and nothing happened.
      defaultActiveFirstOption
      notFoundContent={emptyText()}
      style={{ width: compact ? '100%' : 360, maxWidth: '100%' }}
      popupMatchSelectWidth={compact ? true : 360}
    >
      <Input
        aria-label={t('search.label')}
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        allowClear
      />
    </AutoComplete>
  );
}
