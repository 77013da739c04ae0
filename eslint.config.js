// One flat config for the whole monorepo.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

/** Imports the pure domain package may never use (CONTRIBUTING.md, "Layout": rules live in packages/domain). */
const domainForbiddenImports = {
  patterns: [
    {
      group: [
        '@mikro-orm/*',
        '@pothos/*',
        'graphql',
        'graphql/*',
        'vue',
        'vue-*',
        '@vue/*',
        'fastify',
        '@fastify/*',
      ],
      message: 'packages/domain is pure: no ORM, GraphQL, Vue or server code.',
    },
    {
      group: [
        'node:*',
        'fs',
        'path',
        'os',
        'http',
        'https',
        'crypto',
        'child_process',
        'url',
        'util',
        'stream',
        'buffer',
      ],
      message: 'packages/domain may not use Node APIs.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/coverage/**',
      'test-artifacts/**',
      '**/*.d.ts',
      'apps/api/src/db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.{ts,js,vue}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The domain runs anywhere: no Node or DOM globals, no infrastructure imports.
    files: ['packages/domain/src/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': ['error', domainForbiddenImports],
      'no-restricted-globals': [
        'error',
        'process',
        'Buffer',
        'require',
        '__dirname',
        '__filename',
        'window',
        'document',
        'navigator',
        'localStorage',
        'fetch',
      ],
    },
  },
  {
    // config.ts is the only place that reads process.env (STYLE: config as code once).
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/config.ts', 'apps/api/src/**/*.test.ts', 'apps/api/test/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through src/config.ts.',
        },
      ],
    },
  },
);
