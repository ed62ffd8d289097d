// The shared vitest config is plain JS (vitest loads it untranspiled); describe its one export.
declare module '@trellis/tooling/vitest' {
  import type { ViteUserConfig } from 'vitest/config';
  export const sourceConditions: ViteUserConfig;
}
