import { useDeferredValue, useState } from 'react';
import { AutoComplete, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { request } from '../../../lib/api/client';
import { useLabel } from '../../../lib/i18n/useLabel';
import { recordKeys } from '../../../lib/records/keys';
import { titleOf } from '../../../lib/records/spec-helpers';
import type { RecordData } from '../../../lib/records/types';
import { useLiveSpec } from '../../../lib/session/useSpec';

type Results = { results: { entity: string; items: RecordData[] }[] };

/** Search every entity the user can read by name, phone or email; a pick opens the record. */
export function GlobalSearch({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const spec = useLiveSpec();
  const label = useLabel();
  const [text, setText] = useState('');
  const q = useDeferredValue(text.trim());
  const found = useQuery({
    queryKey: recordKeys.search(q),
    queryFn: () => request<Results>('GET', `/api/v1/search?q=${encodeURIComponent(q)}`),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  const options = (found.data?.results ?? []).map((group) => {
    const entity = spec.entities.find((e) => e.key === group.entity);
    return {
      label: entity ? label(entity.pluralLabel ?? entity.label, entity.key) : group.entity,
      options: group.items.map((r) => ({
        value: `/records/${group.entity}/${r.id}`,
        label: (
          <div className="trellis-search-hit">
            <span className="trellis-ellipsis">{entity ? titleOf(entity, r) : r.id}</span>
            <span className="trellis-search-meta">
              {typeof r.phone === 'string' ? r.phone : ''}
            </span>
          </div>
        ),
      })),
    };
  });
  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={setText}
      onSelect={(path: string) => {
        setText('');
        navigate(path);
      }}
      notFoundContent={q && found.isFetched ? t('search.none') : null}
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
