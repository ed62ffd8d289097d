// The shared config (layering of DESIGN.md §2) plus what the web app adds: browser globals, the
// rules of hooks, and no imports between features (bulletproof-react: routes compose features).
import { existsSync, readdirSync } from 'node:fs';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import shared from '@trellis/tooling/eslint';

const layerRule = shared.find(
  (c) => c.files?.includes('**/*.ts') && c.rules?.['no-restricted-imports'],
)?.rules['no-restricted-imports'];
const layerPatterns = layerRule?.[1]?.patterns ?? [];
const features = existsSync('src/features') ? readdirSync('src/features') : [];

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

export default [
  ...shared,
  { files: ['src/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['src/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...layerPatterns, ...featureBoundary(feature)] },
      ],
    },
  })),
];
