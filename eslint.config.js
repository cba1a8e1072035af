// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'tests/fixtures/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Control characters are what we look for: Word refuses them, so the code matches them on purpose.
      'no-control-regex': 'off',
      // Prettier wraps code at 120; this catches the comments and strings it leaves alone.
      'max-len': [
        'error',
        { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true },
      ],
    },
  },
  {
    // One direction of flow: only the command line prints, reads the environment, exits or knows
    // about terminals; the library below it returns values (diagnostics) and never imports it.
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/*', '**/cli'], message: 'only src/cli may import src/cli' }] },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'return a value; only src/cli ends the process' },
        { object: 'process', property: 'exitCode', message: 'return a value; only src/cli sets the exit code' },
        { object: 'process', property: 'stdout', message: 'only src/cli prints' },
        { object: 'process', property: 'stderr', message: 'only src/cli prints' },
        { object: 'process', property: 'env', message: 'only src/cli reads the environment; take an option' },
      ],
    },
  },
  { files: ['**/*.cjs', 'bin/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
