export { default } from '@trellis/tooling/eslint';
