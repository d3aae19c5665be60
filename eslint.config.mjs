import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// Rules every folder keeps as errors; `strictUntilMerged` below relaxes them for folders being rewritten.
const structureRules = {
  complexity: ['error', 10],
  'max-lines': ['error', { max: 250, skipBlankLines: true, skipComments: true }],
  'import-x/no-duplicates': 'error',
  'import-x/no-cycle': 'error',
  'import-x/order': ['error', { groups: ['builtin', 'external', ['internal', 'parent', 'sibling', 'index']], 'newlines-between': 'never', alphabetize: { order: 'asc', caseInsensitive: true } }],
};

// What every function bundle is built from imports zod as a namespace (`import * as z from 'zod'`): esbuild
// tree-shakes `z.object` on a namespace import, but `import { z } from 'zod'` binds zod's whole namespace object and
// keeps all of it in each bundle (its 40 locales and JSON Schema code, ~370 KB; README "Bundles").
const zodNamespace = {
  selector: "ImportDeclaration[source.value='zod'][importKind!='type'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
  message: "import * as z from 'zod': a named or default z keeps all of zod in every bundle (README \"Bundles\").",
};
const bundled = ['functions/**/*.ts', 'adapters/**/*.ts', 'domain/**/*.ts', 'events/**/*.ts'];

export default tseslint.config(
  { ignores: ['node_modules/', '.serverless/', '.esbuild/', '.local/', 'coverage/', '*.config.js', 'web/dist/', 'web/dist.*/', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Relative imports name .ts files without their extension, as tsx, jest and esbuild resolve them.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'] })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...structureRules,
    },
  },
  {
    // Tests and their fixtures may be long: a suite reads best as one file.
    files: ['**/*.test.ts', '**/fixtures/**', '**/testFixtures.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    files: bundled,
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', zodNamespace] },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', '@middy/*', '@aws-lambda-powertools/*'] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain/ is pure: pass config in.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'domain/ is pure: time comes on the command.' }],
    },
  },
);
