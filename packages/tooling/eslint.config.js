// Shared flat config. Each workspace package re-exports it from its own eslint.config.js,
// so `eslint .` inside a package picks it up; the repository root's eslint.config.js uses it
// too. The layering rules of DESIGN.md §2 are the `trellis/layering` rule (eslint-layering.js):
// a violating import fails `pnpm lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layeringPlugin } from './eslint-layering.js';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/*.schema.json',
      '**/coverage/**',
      '**/.turbo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use string unions with `as const`, not enum (STYLE.md).',
        },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { trellis: layeringPlugin },
    rules: { 'trellis/layering': 'error' },
  },
);
