import { useState } from 'react';
import { Button, Input, Space, Typography } from 'antd';
import { CheckOutlined, CopyOutlined, ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NS } from '../messages';

/** A read-only text with a copy button (and an open button for links). */
export function CopyField(props: {
  id: string;
  label: string;
  value: string;
  multiline?: boolean;
  openable?: boolean;
}) {
  const { t } = useTranslation(NS);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard?.writeText(props.value);
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  const buttons = (
    <Space>
      <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void copy()}>
        {copied ? t('copied') : t('copy')}
      </Button>
      {props.openable && (
        <Button icon={<ExportOutlined />} href={props.value} target="_blank" rel="noopener">
          {t('open')}
        </Button>
      )}
    </Space>
  );
  return (
    <div style={{ marginTop: 16 }}>
      <Typography.Text strong>
        <label htmlFor={props.id}>{props.label}</label>
      </Typography.Text>
      {props.multiline ? (
        <Input.TextArea
          id={props.id}
          value={props.value}
          readOnly
          autoSize
          style={{ fontFamily: 'monospace', margin: '8px 0' }}
          onFocus={(e) => e.target.select()}
        />
      ) : (
        <Input
          id={props.id}
          value={props.value}
          readOnly
          style={{ margin: '8px 0' }}
          onFocus={(e) => e.target.select()}
        />
      )}
      {buttons}
    </div>
  );
}
