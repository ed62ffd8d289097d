import { Button, Card, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Conflict, ConflictChoice } from './api';
import { readablePath, shortValue } from './summary';

/** The places both the workspace and the template changed: the builder picks a side for each. */
export function ConflictList({
  conflicts,
  choices,
  onChange,
}: {
  conflicts: Conflict[];
  choices: Record<string, ConflictChoice>;
  onChange: (choices: Record<string, ConflictChoice>) => void;
}) {
  const { t } = useTranslation('builder');
  const all = (choice: ConflictChoice) =>
    onChange(Object.fromEntries(conflicts.map((c) => [c.path, choice])));
  const value = (v: unknown) => shortValue(v) ?? t('templates.conflict.absent');
  return (
    // The bulk buttons sit in the body, where they wrap: in the card's head they squeezed the
    // title to "2 …" at phone width.
    <Card
      size="small"
      title={
        <span data-conflict-count>
          {t('templates.conflict.title', { count: conflicts.length })}
        </span>
      }
      styles={{ body: { maxHeight: 360, overflow: 'auto' } }}
    >
      <Space size={4} wrap style={{ marginBottom: 12 }}>
        <Button size="small" onClick={() => all('ours')}>
          {t('templates.conflict.allOurs')}
        </Button>
        <Button size="small" onClick={() => all('theirs')}>
          {t('templates.conflict.allTheirs')}
        </Button>
      </Space>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {conflicts.map((c) => (
          <div key={c.path} data-conflict={c.path}>
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {readablePath(c.path)}
            </Typography.Text>
            <Radio.Group
              value={choices[c.path]}
              onChange={(e) => onChange({ ...choices, [c.path]: e.target.value as ConflictChoice })}
              style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}
            >
              <Radio value="ours">
                {t('templates.conflict.ours')}{' '}
                <Typography.Text strong>{value(c.ours)}</Typography.Text>
              </Radio>
              <Radio value="theirs">
                {t('templates.conflict.theirs')}{' '}
                <Typography.Text strong>{value(c.theirs)}</Typography.Text>
              </Radio>
            </Radio.Group>
          </div>
        ))}
      </Space>
    </Card>
  );
}
