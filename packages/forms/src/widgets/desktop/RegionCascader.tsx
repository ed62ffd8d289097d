import { useState } from 'react';
import { Cascader } from 'antd';
import type { RuleEnv } from '@trellis/rules';
import type { RegionNames } from '@trellis/spec';
import { formMessage } from '../../core/messages';
import type { WidgetProps } from '../../react/widget-types';
import { regionLabel, useRegionNames } from '../shared/useRegionNames';
import { regionDepth, regionPath, useRegionData } from '../shared/useRegionPath';

type Option = {
  value: string;
  label: string;
  /** The Chinese name, which a search also matches when the labels are English. */
  name: string;
  isLeaf: boolean;
  children?: Option[];
};

// The cascader's options: every province, and the columns under the current value's path and
// under the path opened without choosing (the keyboard's right arrow, or a region whose
// subdivisions were still loading). A column not loaded yet is left out, not empty: the option
// stays one that can open, and opens when its data arrives. While the person types a search,
// every column loaded (`paths` null: on the web app the whole country, ~3,300 options).
function optionsFor(
  env: RuleEnv,
  paths: string[][] | null,
  depth: number,
  en: RegionNames | undefined,
): Option[] {
  const build = (parent: string | null, level: number): Option[] =>
    env.regions.children(parent).map((r) => {
      const leaf = level + 1 >= depth;
      const children =
        !leaf && (paths === null || paths.some((p) => p[level] === r.code))
          ? build(r.code, level + 1)
          : [];
      return {
        value: r.code,
        label: regionLabel(r, en),
        name: r.name,
        isLeaf: leaf,
        ...(children.length > 0 ? { children } : {}),
      };
    });
  return build(null, 0);
}

// A search matches a place by its label or its Chinese name: "hai" finds Haidian District on an
// English form, "海淀" finds it on either.
const matches = (typed: string, path: { label?: unknown; name?: unknown }[]) => {
  const needle = typed.trim().toLowerCase();
  return path.some(
    (o) =>
      String(o.label ?? '')
        .toLowerCase()
        .includes(needle) || String(o.name ?? '').includes(typed.trim()),
  );
};

/** Province / city / district (GB/T 2260) as a cascader, down to the field's level. */
export function RegionCascader({ attachInput, ...p }: WidgetProps) {
  const [, load] = useRegionData(p.value, p.services);
  const depth = regionDepth(p.field as { type: string; level?: string });
  const path = regionPath(p.value, p.env);
  // The options the person opened (the cascader asks for their column), chosen or not: with
  // the keyboard a province is opened (right arrow) before a city in it is chosen.
  const [opened, setOpened] = useState<string[]>([]);
  const en = useRegionNames(p.locale);
  const [search, setSearch] = useState('');
  const searching = search.trim() !== '';
  const everything = searching ? optionsFor(p.env, null, depth, en) : null;
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
      showSearch={{ filter: matches, limit: 50 }}
      classNames={{ popup: { root: 'tf-region-popup' } }}
      onSearch={setSearch}
      options={everything ?? optionsFor(p.env, [path, opened], depth, en)}
      value={path}
      loadData={(selected) => {
        const codes = selected.map((o) => String(o.value));
        setOpened(codes);
        if (codes.length === 1) void load(codes[0]!);
      }}
      onChange={(codes) => {
        const list = (codes ?? []) as string[];
        if (list.length === 1 && list[0]) void load(list[0]);
        p.onChange(list.length > 0 ? list[list.length - 1] : null);
      }}
    />
  );
}
