import type { RegionInfo } from '@trellis/spec';
import type { MetadataJson } from 'libphonenumber-js/core';

/** Where the rules look up GB/T 2260 divisions: the whole dataset on the server, loaded provinces on a public page. */
export type RegionSource = {
  info(code: string): RegionInfo | undefined;
  /** Divisions under `parent` (null: the provinces). */
  children(parent: string | null): RegionInfo[];
};

/**
 * The data-heavy parts of the rules, chosen by whoever runs them: the server and the web app
 * use the full data (`fullEnv`), a public form page a light set (`createRuleEnv`) so its bundle
 * stays small. The rules' code is the same either way.
 */
export type RuleEnv = {
  regions: RegionSource;
  /** libphonenumber-js metadata used to parse and validate phone numbers. */
  phoneMetadata: MetadataJson;
  /**
   * Partial metadata: the calling codes it `covers`, out of `all` there are. A number with a
   * real calling code outside `covers` is kept as typed for the server to judge. Absent: the
   * metadata covers every country.
   */
  phone?: { covered: readonly string[]; all: readonly string[] };
};

export type { RegionInfo, MetadataJson };
