import type { RegionInfo, RegionSource } from '@trellis/rules';

/**
 * Region data on a public page: the provinces come with the page, each province's cities and
 * districts are fetched once when someone picks it (~2-10 KB each instead of the whole
 * country). `source()` is a new object after each load, so lookups built on it refresh.
 */
export function createPageRegions(provinces: RegionInfo[], slug: string) {
  const byCode = new Map(provinces.map((p) => [p.code, p]));
  const children = new Map<string | null, RegionInfo[]>([[null, provinces]]);
  const loading = new Map<string, Promise<void>>();
  let current: RegionSource = snapshot();

  function snapshot(): RegionSource {
    return { info: (code) => byCode.get(code), children: (parent) => children.get(parent) ?? [] };
  }

  async function fetchProvince(province: string): Promise<void> {
    const res = await fetch(`/f/${encodeURIComponent(slug)}/regions/${province}.json`);
    if (!res.ok) throw new Error(`regions ${province}: ${res.status}`);
    const divisions = (await res.json()) as RegionInfo[];
    for (const d of divisions) {
      byCode.set(d.code, d);
      children.set(d.parent, [...(children.get(d.parent) ?? []), d]);
    }
    current = snapshot();
  }

  return {
    /** A lookup that reads whatever has been loaded so far. */
    source: (): RegionSource => ({
      info: (code) => current.info(code),
      children: (parent) => current.children(parent),
    }),
    /** Loads a province's subdivisions (once; a failed load can be retried). */
    load(province: string): Promise<void> {
      if (!byCode.has(province) || byCode.get(province)?.level !== 'province')
        return Promise.resolve();
      let pending = loading.get(province);
      if (!pending) {
        pending = fetchProvince(province).catch((e: unknown) => {
          loading.delete(province);
          throw e;
        });
        loading.set(province, pending);
      }
      return pending;
    },
  };
}
