// Lint: typescript-eslint with type-checked rules for TypeScript, eslint-plugin-astro for pages and
// components, plain recommended rules for the scripts (.mjs) and the widget's browser scripts.
// `npm run lint`; formatting is Prettier's (`npm run format`), so no stylistic rules here.
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    'dist/',
    'dist-*/',
    '**/.astro/',
    '.cache/',
    'test-results/',
    'playwright-report/',
    'src/db/migrations/',
    'src/db/editor/migrations/',
    'data/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_name` marks a value left unused on purpose (a destructured field dropped, a callback's
      // first argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read JSON answers and database rows as `any` on purpose: what shape they have is what
    // the assertions check, and a type written for each answer would only restate them.
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  astro.configs.recommended,
  // Type information exists for TypeScript files only: .astro files (and the scripts inside them)
  // and plain JavaScript get the rules that need none.
  { files: ['**/*.astro', '**/*.astro/*.ts', '**/*.{js,mjs,cjs}'], extends: [tseslint.configs.disableTypeChecked] },
  {
    files: ['**/*.astro', '**/*.astro/*.ts', 'src/components/**/*.ts', 'public/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The widget's scripts run as classic scripts on other websites' pages.
  { files: ['public/**/*.js'], languageOptions: { sourceType: 'script' } },
);
