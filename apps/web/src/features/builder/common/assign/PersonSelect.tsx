import { Select } from 'antd';
import { usePeople } from './people';

type Props = { label: string; value: unknown; onChange: (login: string | undefined) => void };

/** One person, picked by name, stored by login (assign to one person, claim from the pool). */
export function PersonSelect({ label, value, onChange }: Props) {
  const login = typeof value === 'string' ? value : undefined;
  const options = usePeople(undefined, login ? [login] : []);
  return (
    <Select
      aria-label={label}
      allowClear
      showSearch
      optionFilterProp="label"
      value={login}
      style={{ maxWidth: 420, width: '100%' }}
      options={options}
      onChange={(x: string | undefined) => onChange(x ?? undefined)}
    />
  );
}
