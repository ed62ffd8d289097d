import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { formMessage } from '../../core/messages';
import type { RecordOption, WidgetProps } from '../../react/widget-types';

type Source = {
  search?: (query: string) => Promise<RecordOption[]>;
  titles?: (ids: string[]) => Promise<RecordOption[]>;
};

const idsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [];

/** A searchable picker of records or users, through the host's services (debounced). */
function Picker({ attachInput, ...p }: WidgetProps & { source: Source; multiple: boolean }) {
  const [options, setOptions] = useState<RecordOption[]>([]);
  const [loading, setLoading] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const ids = idsOf(p.value);
  const { titles, search } = p.source;
  const key = ids.join(',');
  useEffect(() => {
    // Titles of the values the record already has, so the picker shows names, not ids.
    if (!titles || key === '') return;
    let live = true;
    void titles(key.split(',')).then((found) => {
      if (live)
        setOptions((prev) => [...found, ...prev.filter((o) => !found.some((f) => f.id === o.id))]);
    });
    return () => {
      live = false;
    };
  }, [titles, key]);
  useEffect(() => {
    if (query === null || !search) return;
    let live = true;
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const found = await search(query);
        if (live) setOptions(found);
      } finally {
        if (live) setLoading(false);
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, search]);
  return (
    <Select
      id={p.id}
      ref={attachInput}
      mode={p.multiple ? 'multiple' : undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQuery }}
      onFocus={() => setQuery((q) => q ?? '')}
      loading={loading}
      disabled={p.readOnly || !search}
      status={p.invalid ? 'error' : undefined}
      placeholder={
        search
          ? (p.placeholder ?? formMessage(p.locale, 'search'))
          : formMessage(p.locale, 'notAvailable')
      }
      notFoundContent={
        loading ? formMessage(p.locale, 'loading') : formMessage(p.locale, 'noMatch')
      }
      aria-describedby={p.describedBy}
      aria-invalid={p.invalid || undefined}
      style={{ width: '100%' }}
      value={p.multiple ? ids : (ids[0] ?? undefined)}
      onChange={(v: string | string[] | undefined) =>
        p.onChange(Array.isArray(v) ? (v.length > 0 ? v : null) : (v ?? null))
      }
      onBlur={p.onBlur}
      options={options.map((o) => ({ value: o.id, label: o.title }))}
    />
  );
}

export function RelationPicker(p: WidgetProps) {
  const f = p.field;
  const entity = f.type === 'relation' ? f.entity : '';
  const { searchRecords, recordTitles } = p.services;
  return (
    <Picker
      {...p}
      multiple={f.type === 'relation' && f.multiple === true}
      source={{
        ...(searchRecords ? { search: (q: string) => searchRecords(entity, q) } : {}),
        ...(recordTitles ? { titles: (ids: string[]) => recordTitles(entity, ids) } : {}),
      }}
    />
  );
}

export function UserPicker(p: WidgetProps) {
  const { searchUsers, userNames } = p.services;
  return (
    <Picker
      {...p}
      multiple={p.field.type === 'user' && p.field.multiple === true}
      source={{
        ...(searchUsers ? { search: searchUsers } : {}),
        ...(userNames ? { titles: userNames } : {}),
      }}
    />
  );
}
