import { useState } from 'react';
import { Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = { label: string; value: unknown; onChange: (value: unknown) => void };

/**
 * A small JSON value (a formula's expression) typed as text; applied only when it parses. Not
 * set is an empty box (not the word `null`), and emptying the box unsets the value.
 */
export function JsonTextArea({ label, value, onChange }: Props) {
  const { t } = useTranslation('builder');
  const [text, setText] = useState(() =>
    value === undefined ? '' : JSON.stringify(value, null, 2),
  );
  const [invalid, setInvalid] = useState(false);
  return (
    <>
      <Input.TextArea
        aria-label={label}
        value={text}
        status={invalid ? 'error' : undefined}
        autoSize={{ minRows: 2, maxRows: 12 }}
        placeholder={t('json.notSet')}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          try {
            onChange(text.trim() === '' ? undefined : JSON.parse(text));
            setInvalid(false);
          } catch {
            setInvalid(true);
          }
        }}
      />
      {invalid ? <Typography.Text type="danger">{t('json.invalid')}</Typography.Text> : null}
    </>
  );
}
