// The shared config (layering of DESIGN.md §2) plus what the web app adds: browser globals, the
// rules of hooks, and no imports between features (bulletproof-react: routes compose features).
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import shared from '@trellis/tooling/eslint';

// Found beside this file, not from where eslint was started (the repository root's config uses it).
const featuresDir = fileURLToPath(new URL('./src/features', import.meta.url));
const features = existsSync(featuresDir) ? readdirSync(featuresDir) : [];

const featureBoundary = (feature) => {
  const others = features.filter((f) => f !== feature);
  if (others.length === 0) return [];
  // No escaped "-": the pattern runs with the u flag, where "\-" outside a class is an error.
  const names = others.map((f) => f.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&')).join('|');
  return [
    {
      regex: `(^|/)features/(${names})(/|$)|^(\\.\\./)+(${names})(/|$)`,
      message: `Features never import each other (${feature} -> another feature): compose them in src/app/routes, or move the shared piece to src/components or src/lib.`,
    },
  ];
};

/**
 * What the web app adds to the shared config, for its files under `dir` (the repository root's
 * eslint.config.js passes 'apps/web/', so one eslint there checks every package).
 * @param {string} [dir]
 */
export function webRules(dir = '') {
  const files = [`${dir}src/**/*.{ts,tsx}`];
  return [
    { files, languageOptions: { globals: { ...globals.browser } } },
    { files, ...reactHooks.configs.flat['recommended-latest'] },
    ...features.map((feature) => ({
      files: [`${dir}src/features/${feature}/**/*.{ts,tsx}`],
      rules: { 'no-restricted-imports': ['error', { patterns: featureBoundary(feature) }] },
    })),
  ];
}

export default [...shared, ...webRules()];
