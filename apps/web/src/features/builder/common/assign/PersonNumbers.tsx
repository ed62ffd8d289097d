import { Button, Flex, InputNumber, Select, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePeople } from './people';

type Props = {
  /** What the numbers are: "share" (relative, any number ≥ 0) or "cap" (a whole number). */
  kind: 'share' | 'cap';
  value: unknown;
  onChange: (next: Record<string, number> | undefined) => void;
  /** The team the action deals to: its members are offered first. */
  team: unknown;
};

/**
 * A number per person (the assign action's shares and caps), stored by login: one row per
 * person, picked by name; people not listed keep the default (a share of 1, no cap).
 */
export function PersonNumbers({ kind, value, onChange, team }: Props) {
  const { t } = useTranslation('builder');
  const numbers = (value ?? {}) as Record<string, number>;
  const logins = Object.keys(numbers);
  const people = usePeople(team, logins);
  const nameOf = (login: string) => people.find((p) => p.value === login)?.label ?? login;
  const set = (next: Record<string, number>) =>
    onChange(Object.keys(next).length ? next : undefined);
  const without = (login: string) =>
    Object.fromEntries(Object.entries(numbers).filter(([l]) => l !== login));
  return (
    <div style={{ maxWidth: 520 }}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 6 }}>
        {t(kind === 'share' ? 'assign.sharesHelp' : 'assign.capsHelp')}
      </Typography.Paragraph>
      {logins.map((login) => (
        <Flex key={login} align="center" gap={8} style={{ marginBottom: 6 }}>
          <Typography.Text style={{ flex: 1 }} ellipsis>
            {nameOf(login)}
          </Typography.Text>
          <InputNumber
            aria-label={t(kind === 'share' ? 'assign.shareOf' : 'assign.capOf', {
              name: nameOf(login),
            })}
            min={0}
            precision={kind === 'cap' ? 0 : undefined}
            value={numbers[login]}
            style={{ width: 120 }}
            onChange={(n) => {
              if (typeof n === 'number') set({ ...numbers, [login]: n });
            }}
          />
          <Button
            type="text"
            size="small"
            icon={<CloseOutlined />}
            aria-label={t('assign.removePerson', { name: nameOf(login) })}
            onClick={() => set(without(login))}
          />
        </Flex>
      ))}
      <Select
        aria-label={t(kind === 'share' ? 'assign.addShare' : 'assign.addCap')}
        showSearch
        optionFilterProp="label"
        value={null}
        placeholder={
          <>
            <PlusOutlined /> {t(kind === 'share' ? 'assign.addShare' : 'assign.addCap')}
          </>
        }
        style={{ width: 260 }}
        options={people.filter((p) => !(p.value in numbers))}
        onChange={(login: string) => set({ ...numbers, [login]: kind === 'share' ? 1 : 10 })}
      />
    </div>
  );
}
