// `eslint` from the repository root checks every package with the shared config (layering
// included: the rule finds each file's package itself). `pnpm lint` runs eslint inside each
// package, where apps/web and packages/forms add their React rules.
export { default } from './packages/tooling/eslint.config.js';
