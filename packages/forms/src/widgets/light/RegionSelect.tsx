import { formMessage, type FormMessageKey } from '../../core/messages';
import type { WidgetProps } from '../../react/widget-types';
import { regionLabel, useRegionNames } from '../shared/useRegionNames';
import { regionDepth, regionPath, useRegionData } from '../shared/useRegionPath';

const COLUMNS: FormMessageKey[] = ['province', 'city', 'district'];

/** A region as up to three native selects (province, city, district): easy on a phone. */
export function RegionSelect({ attachInput, ...p }: WidgetProps) {
  const [, load] = useRegionData(p.value, p.services);
  const depth = regionDepth(p.field as { type: string; level?: string });
  const path = regionPath(p.value, p.env);
  const columns = Array.from({ length: depth }, (_, i) => i);
  const en = useRegionNames(p.locale);
  return (
    <div className="tf-region" aria-describedby={p.describedBy}>
      {columns.map((level) => {
        const parent = level === 0 ? null : path[level - 1];
        if (parent === undefined) return null;
        const options = p.env.regions.children(parent);
        if (level > 0 && options.length === 0) return null;
        return (
          <select
            key={level}
            id={level === 0 ? p.id : `${p.id}-${level}`}
            ref={level === 0 ? attachInput : undefined}
            className="tf-input tf-select"
            aria-label={`${p.label} ${formMessage(p.locale, COLUMNS[level]!)}`}
            aria-invalid={p.invalid || undefined}
            disabled={p.readOnly}
            value={path[level] ?? ''}
            onChange={async (e) => {
              const code = e.target.value;
              if (code === '') return p.onChange(level === 0 ? null : (path[level - 1] ?? null));
              if (level === 0) await load(code);
              p.onChange(code);
            }}
            onBlur={p.onBlur}
          >
            <option value="">{formMessage(p.locale, COLUMNS[level]!)}</option>
            {options.map((o) => (
              <option key={o.code} value={o.code}>
                {regionLabel(o, en)}
              </option>
            ))}
          </select>
        );
      })}
    </div>
  );
}
