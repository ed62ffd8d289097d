import { useState } from 'react';
import { Button, Flex, Input, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

type Props = {
  logic: unknown;
  onChange: (logic: unknown) => void;
  onRemove: () => void;
  disabled?: boolean | undefined;
};

/**
 * A part of the condition the builder cannot show as rules: kept as it is, shown as JSON and
 * editable as JSON (taken over only when it parses).
 */
export function RawConditionEditor({ logic, onChange, onRemove, disabled }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(logic, null, 2));
  const [invalid, setInvalid] = useState(false);
  const commit = () => {
    try {
      const parsed: unknown = JSON.parse(text);
      setInvalid(false);
      if (JSON.stringify(parsed) !== JSON.stringify(logic)) onChange(parsed);
    } catch {
      setInvalid(true);
    }
  };
  return (
    <div>
      <Flex align="center" gap={8} style={{ marginBottom: 4 }}>
        <Typography.Text type="secondary">{t('condition.raw')}</Typography.Text>
        <Button
          type="text"
          size="small"
          icon={<DeleteOutlined />}
          aria-label={t('condition.remove')}
          disabled={disabled}
          onClick={onRemove}
          style={{ marginInlineStart: 'auto' }}
        />
      </Flex>
      <Input.TextArea
        aria-label={t('condition.raw')}
        value={text}
        disabled={disabled}
        autoSize={{ minRows: 2, maxRows: 10 }}
        status={invalid ? 'error' : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
      />
      {invalid ? (
        <Typography.Text type="danger">{t('condition.invalidJson')}</Typography.Text>
      ) : null}
    </div>
  );
}
