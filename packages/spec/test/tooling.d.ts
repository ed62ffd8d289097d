declare module '@trellis/tooling/vitest';
