// The shared config (layering of DESIGN.md §2) plus browser globals and the rules of hooks.
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import shared from '@trellis/tooling/eslint';

/**
 * What this package adds to the shared config, for its files under `dir` (the repository root's
 * eslint.config.js passes 'packages/forms/', so one eslint there checks every package).
 * @param {string} [dir]
 */
export function formsRules(dir = '') {
  const files = [`${dir}src/**/*.{ts,tsx}`];
  return [
    { files, languageOptions: { globals: { ...globals.browser } } },
    { files, ...reactHooks.configs.flat['recommended-latest'] },
  ];
}

export default [...shared, ...formsRules()];
