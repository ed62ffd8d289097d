import { useRef } from 'react';
import { Alert, Flex, Input, Select, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import { JsonTextArea } from '../common/JsonTextArea';
import type { FormulaField } from './formula-fields';
import { FORMULA_FUNCTIONS } from './formula-functions';
import { resultKind, type ResultKind } from './formula-type';
import { useFormulaText } from './useFormulaText';

type Props = {
  /** The box's accessible name. */
  label: string;
  /** The JSONLogic expression (undefined: none yet). */
  value: unknown;
  /** The fields the formula may name. */
  fields: readonly FormulaField[];
  /** The kind of value the field declares (its result type): a formula giving another is flagged. */
  expected?: ResultKind | undefined;
  onChange: (logic: unknown) => void;
};

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' };

/**
 * A formula typed like a spreadsheet's — `[课程价格] * 0.9` — with a picker that inserts fields by
 * label, the reason next to the box when it cannot be read, and the kind of value it gives. An
 * expression the text cannot say stays JSON, shown as such and never rewritten.
 */
export function FormulaEditor({ label, value, fields, expected, onChange }: Props) {
  const { t } = useTranslation('builder');
  const box = useRef<TextAreaRef>(null);
  const formula = useFormulaText(value, fields, onChange);
  if (!formula.readable)
    return (
      <Flex vertical gap={4}>
        <Alert type="info" showIcon title={t('formula.keptAsJson')} />
        <JsonTextArea label={label} value={value} onChange={onChange} />
      </Flex>
    );

  const insert = (key: string) => {
    const field = fields.find((f) => f.key === key);
    const el = box.current?.resizableTextArea?.textArea;
    if (!field) return;
    const at = el?.selectionStart ?? formula.text.length;
    const end = el?.selectionEnd ?? at;
    const ref = `[${field.label}]`;
    const text = formula.text.slice(0, at) + ref + formula.text.slice(end);
    formula.setText(text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + ref.length, at + ref.length);
    });
  };
  const kind =
    value === undefined || formula.error
      ? undefined
      : resultKind(value, (k) => fields.find((f) => f.key === k)?.type);
  return (
    <Flex vertical gap={4} style={{ maxWidth: 560 }}>
      <Input.TextArea
        ref={box}
        aria-label={label}
        aria-invalid={formula.error ? true : undefined}
        value={formula.text}
        status={formula.error ? 'error' : undefined}
        autoSize={{ minRows: 2, maxRows: 10 }}
        placeholder={t('formula.placeholder')}
        style={MONO}
        onChange={(e) => formula.setText(e.target.value)}
        onBlur={(e) => formula.apply(e.target.value)}
      />
      {formula.error ? (
        <Typography.Text type="danger" role="alert">
          {formula.error}
        </Typography.Text>
      ) : null}
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={t('formula.insertField')}
          placeholder={t('formula.insertField')}
          value={null}
          showSearch
          optionFilterProp="label"
          style={{ minWidth: 180 }}
          options={fields.map((f) => ({ value: f.key, label: f.label }))}
          onChange={insert}
        />
        {kind ? (
          <Typography.Text type="secondary">
            {t('formula.result', { kind: t(`formula.kinds.${kind}`) })}
          </Typography.Text>
        ) : null}
      </Flex>
      {/* A number field fed text sorts and sums as nothing: said here, before anyone publishes. */}
      {kind && expected && kind !== 'mixed' && kind !== expected ? (
        <Typography.Text type="warning">
          {t('formula.mismatch', { expected: t(`formula.kinds.${expected}`) })}
        </Typography.Text>
      ) : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('formula.help', { functions: [...FORMULA_FUNCTIONS].join(', ') })}
      </Typography.Text>
    </Flex>
  );
}
