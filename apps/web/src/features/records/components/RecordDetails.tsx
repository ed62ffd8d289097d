import { Fragment, memo, type ReactNode } from 'react';
import { phoneHref } from '@trellis/rules';
import type { EntitySpec } from '@trellis/spec';
import type { RecordData } from '../../../lib/records/types';

type Props = {
  entity: EntitySpec;
  record: RecordData;
  visible: Set<string>;
  label: (key: string) => string;
  text: (key: string, value: unknown) => string;
  columns: number;
};

/**
 * A long e-mail address, URL or code with places to break at its punctuation (after `@`, `_`,
 * `-`, `/`, before `.`): its value column is narrow, and the value broke anywhere to fit it
 * ("wangxiaoming.paren / t2019@enterprise-"). Other text is returned as it is.
 */
function breakable(text: string): ReactNode {
  if (!/[!-~]{16,}/.test(text)) return text;
  // One span: the cell is a flex box, whose children would each be an item of their own.
  return (
    <span>
      {text.split(/(?<=[@_/-])|(?=\.)/).map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

/**
 * The record's visible fields as the user reads them (empty ones last, dimmed). A phone number
 * reads in its region's form and dials its stored E.164 number.
 *
 * A plain grid of label and value, styled in app.css (`.trellis-record-fields`), not Ant Design's
 * Descriptions: that drew ~40 fields through a table, rows and two cell components each (with
 * their class and style merging), a good part of the click that opens a record; this is three
 * elements a field. Memoised: the page rendering again for anything else does not draw them again.
 */
export const RecordDetails = memo(function RecordDetails({
  entity,
  record,
  visible,
  label,
  text,
  columns,
}: Props) {
  const fields = [...entity.fields.map((f) => f.key), 'ownerId', 'createdAt'].filter((k) =>
    visible.has(k),
  );
  const shown = new Map(fields.map((k) => [k, text(k, record[k])]));
  const filled = fields.filter((k) => shown.get(k) !== '');
  const empty = fields.filter((k) => shown.get(k) === '');
  return (
    <dl className="trellis-record-fields" data-columns={columns}>
      {[...filled, ...empty].map((k) => {
        const field = entity.fields.find((f) => f.key === k);
        const value = record[k];
        const words = shown.get(k)!;
        return (
          <div key={k} className="trellis-record-field">
            <dt>{label(k)}</dt>
            <dd>
              {words === '' ? (
                <span className="trellis-record-field-empty">—</span>
              ) : field?.type === 'phone' && typeof value === 'string' ? (
                <a href={phoneHref(value, field.defaultRegion ?? 'CN')}>{words}</a>
              ) : (
                breakable(words)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
});
