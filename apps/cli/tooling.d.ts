// vitest.shared.js is plain JS (vitest loads configs without transpiling); give it a type here.
declare module '@trellis/tooling/vitest' {
  import type { ViteUserConfig } from 'vitest/config';
  export const sourceConditions: ViteUserConfig;
}
