// `pnpm lint` (and `pnpm check`) runs one eslint here for every package: the shared config
// (layering included: the rule finds each file's package itself) plus what the web app and the
// forms package add for their React sources. One process instead of one per package: each
// eslint start loaded the parser and plugins again (lint, 10 packages: 127 s of CPU).
// `eslint .` inside a package still checks it alone with that package's config.
import shared from './packages/tooling/eslint.config.js';
import { formsRules } from './packages/forms/eslint.config.js';
import { webRules } from './apps/web/eslint.config.js';

export default [...shared, ...formsRules('packages/forms/'), ...webRules('apps/web/')];
