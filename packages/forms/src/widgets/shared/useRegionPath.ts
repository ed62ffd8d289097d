import { useEffect, useState } from 'react';
import type { RegionInfo, RuleEnv } from '@trellis/rules';
import type { FormServices } from '../../react/widget-types';

const DEPTH = { province: 1, city: 2, district: 3 } as const;

/** How many cascader columns a region field has (its `level`, default district). */
export function regionDepth(field: { type: string; level?: string }): number {
  return DEPTH[(field.level as keyof typeof DEPTH) ?? 'district'] ?? 3;
}

/** The codes from the province down to `code` ("330106" -> ["330000", "330100", "330106"]). */
export function regionPath(code: unknown, env: RuleEnv): string[] {
  const path: string[] = [];
  let at: RegionInfo | undefined = typeof code === 'string' ? env.regions.info(code) : undefined;
  while (at) {
    path.unshift(at.code);
    at = at.parent ? env.regions.info(at.parent) : undefined;
  }
  return path;
}

/**
 * Region data for a cascader whose provinces' subdivisions may load on demand (public pages):
 * loads the province of the current value, and `load(province)` for a newly chosen one; the
 * returned counter changes when data arrived, so the inputs re-render with it.
 */
export function useRegionData(
  value: unknown,
  services: FormServices,
): [number, (p: string) => Promise<void>] {
  const [loaded, setLoaded] = useState(0);
  const load = async (province: string) => {
    if (!services.loadRegions) return;
    await services.loadRegions(province);
    setLoaded((n) => n + 1);
  };
  const province =
    typeof value === 'string' && /^\d{6}$/.test(value) ? `${value.slice(0, 2)}0000` : null;
  const { loadRegions } = services;
  useEffect(() => {
    if (!province || !loadRegions) return;
    let live = true;
    void loadRegions(province).then(() => live && setLoaded((n) => n + 1));
    return () => {
      live = false;
    };
  }, [province, loadRegions]);
  return [loaded, load];
}
