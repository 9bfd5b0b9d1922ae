// ESLint flat config: typescript-eslint's recommended rules over every TypeScript file.
// The layering (no import cycles, nothing upward from the domain) is checked by
// dependency-cruiser (.dependency-cruiser.cjs); both run in `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules/**', 'var/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Formatting is Prettier's (npm run format); no style rule may disagree with it.
  prettier,
  // The one CommonJS file: dependency-cruiser's config.
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  {
    files: ['**/*.{ts,js}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    // A disable comment that silences nothing is an error: every exception must be a live one.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a deliberately unused binding (rest-omission, ignored arguments).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The bot writes an application only through Applications.update (re-read, version check, retry,
    // audit, one result); save() is its building block, and seeding scripts and tests use it directly.
    files: ['src/**/*.ts', 'dialogs/**/*.ts', 'cards/**/*.ts'],
    ignores: ['src/domain/application.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='save'][callee.object.property.name='applications']",
          message: 'write an application through applications.update(…)',
        },
        {
          selector: "NewExpression[callee.name='Applications']",
          message: 'use the one Applications repository built in startApp (services.applications)',
        },
      ],
    },
  },
  { files: ['src/app.ts'], rules: { 'no-restricted-syntax': 'off' } },
);
