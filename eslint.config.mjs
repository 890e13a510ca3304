// ESLint flat config: LWC rules for components (TypeScript sources), typescript-eslint for
// scripts and tools, Jest rules for tests. Generated LWC .js is not linted (it is build output).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lwcRecommended from '@salesforce/eslint-config-lwc/recommended.js';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';

// The project's components, and the preview's own LWC modules and platform stand-ins (browser code).
const LWC_SOURCES = [
  'force-app/**/lwc/**/*.ts',
  'tools/preview/modules/**/*.ts',
  'tools/preview/standins/**/*.ts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tools/**',
      '.sf/**',
      '.sfdx/**',
      'coverage/**',
      'build/**',
      'scripts/dist/**',
      'force-app/**/lwc/**/*.js',
      'tools/fixtures/**',
      '**/*.d.ts.map',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...lwcRecommended.map((config) => ({ ...config, files: LWC_SOURCES })),
  {
    files: LWC_SOURCES,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { sourceType: 'module' },
      globals: { ...globals.browser },
    },
    rules: {
      'no-undef': 'off',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/__tests__/**/*.ts', '**/test/**/*.ts'],
    ...jestPlugin.configs['flat/recommended'],
    languageOptions: { globals: { ...globals.jest, ...globals.node, ...globals.browser } },
  },
  {
    files: ['scripts/**/*.ts', 'tools/**/*.ts', 'tools/**/*.mjs', '*.js', '*.mjs', 'test/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['jest.config.js', 'test/jest-node-environment.js', 'test/jest-labels.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // CommonJS written for any old Node (the Node guard must run on the Node it rejects).
    files: ['tools/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
