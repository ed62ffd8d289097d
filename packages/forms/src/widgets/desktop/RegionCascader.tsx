import { Cascader } from 'antd';
import type { RuleEnv } from '@trellis/rules';
import { formMessage } from '../../core/messages';
import type { WidgetProps } from '../../react/widget-types';
import { regionDepth, regionPath, useRegionData } from '../shared/useRegionPath';

type Option = { value: string; label: string; isLeaf: boolean; children?: Option[] };

// The cascader's options: every province, and the columns under the current value's path.
function optionsFor(env: RuleEnv, path: string[], depth: number): Option[] {
  const build = (parent: string | null, level: number): Option[] =>
    env.regions.children(parent).map((r) => {
      const leaf = level + 1 >= depth;
      const open = !leaf && path[level] === r.code;
      return {
        value: r.code,
        label: r.name,
        isLeaf: leaf,
        ...(open ? { children: build(r.code, level + 1) } : {}),
      };
    });
  return build(null, 0);
}

/** Province / city / district (GB/T 2260) as a cascader, down to the field's level. */
export function RegionCascader({ attachInput, ...p }: WidgetProps) {
  const [, load] = useRegionData(p.value, p.services);
  const depth = regionDepth(p.field as { type: string; level?: string });
  const path = regionPath(p.value, p.env);
  return (
    <Cascader
      id={p.id}
      ref={attachInput}
      style={{ width: '100%' }}
      disabled={p.readOnly}
      status={p.invalid ? 'error' : undefined}
      aria-describedby={p.describedBy}
      aria-invalid={p.invalid || undefined}
      placeholder={p.placeholder ?? formMessage(p.locale, 'select')}
      changeOnSelect
      showSearch={false}
      options={optionsFor(p.env, path, depth)}
      value={path}
      loadData={(selected) => {
        const last = selected[selected.length - 1];
        if (last && selected.length === 1) void load(String(last.value));
      }}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        if (list.length === 1 && list[0]) void load(list[0]);
        p.onChange(list.length > 0 ? list[list.length - 1] : null);
      }}
    />
  );
}
