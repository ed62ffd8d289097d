import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

type Range = { from: string; to: string };
type Props = { label: string; value: unknown; onChange: (value: Range | undefined) => void };

const DAY = 'YYYY-MM-DD';
const isRange = (v: unknown): v is Range =>
  typeof v === 'object' && v !== null && 'from' in v && 'to' in v;

/** A fixed range of days ({ from, to } as YYYY-MM-DD, both inclusive) picked on a calendar. */
export function PeriodRangeInput({ label, value, onChange }: Props) {
  const range: [Dayjs, Dayjs] | null = isRange(value) ? [dayjs(value.from), dayjs(value.to)] : null;
  return (
    <DatePicker.RangePicker
      aria-label={label}
      value={range}
      style={{ maxWidth: 420, width: '100%' }}
      onChange={(dates: [Dayjs | null, Dayjs | null] | null) =>
        onChange(
          dates?.[0] && dates[1]
            ? { from: dates[0].format(DAY), to: dates[1].format(DAY) }
            : undefined,
        )
      }
    />
  );
}

/** Whether a config property is such a range: an object of exactly `from` and `to`. */
export function isPeriodRangeSchema(prop: { type?: unknown; properties?: object }): boolean {
  const keys = Object.keys(prop.properties ?? {}).sort();
  return prop.type === 'object' && keys.join(',') === 'from,to';
}
