import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.dist-*', 'data', 'coverage', 'web/dist', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // The domain core does no I/O: no Node modules, no clock, no randomness, no environment.
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'path', 'pg', 'kysely', '@electric-sql/*'] }],
      'no-restricted-globals': ['error', 'process', 'fetch', 'setTimeout', 'setInterval', 'Buffer'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'The domain takes time as input.' },
        { object: 'Math', property: 'random', message: 'The domain takes randomness as input.' },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The numbering plan (libphonenumber's metadata, ~50 KB gzipped) stays out of the Banner's first download: code
    // that the bundle ships reaches it only through the lazily loaded phone module (web/src/recipient/phone-module.ts).
    // A static import, or a second dynamic importer of the library, puts the metadata back in the initial load.
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@domain/phone', allowTypeImports: true, message: 'Load it with loadPhoneModule() (recipient/phone-module).' }],
          patterns: [{ group: ['libphonenumber-js', 'libphonenumber-js/*'], message: 'Reach it through @domain/phone, loaded with loadPhoneModule().' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression[source.value=/^libphonenumber-js/]', message: 'Reach it through @domain/phone, loaded with loadPhoneModule().' },
      ],
    },
  },
  {
    // The Banner (browser, React): the rules of hooks. Browser globals need no listing: TypeScript checks names.
    files: ['web/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
);
