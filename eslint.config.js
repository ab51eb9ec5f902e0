import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The core runs unchanged in the worker, Vitest and Node: no React, no DOM.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'src/core must not use React.' },
            {
              group: ['**/app/**', '**/worker/**', '**/cli/**'],
              message: 'src/core imports only down.',
            },
          ],
        },
      ],
    },
  },
  {
    // UI code sends intents to the worker; it never trains or touches tensors.
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], message: 'UI code must not import TensorFlow.js.' },
            {
              // The training config is plain data the form edits; everything else runs in the worker.
              group: ['**/core/model/*', '!**/core/model/config', '**/core/data/*'],
              message: 'Ask the worker instead.',
            },
          ],
        },
      ],
    },
  },
);
