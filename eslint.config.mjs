// @ts-check
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { coreLayerBlocks } from './eslint.core-layers.mjs'

const electronImport = {
  name: 'electron',
  message: 'Only src/main (outside core), src/preload and the bootstrap may import electron.',
}
// What no file of core imports; eslint.core-layers.mjs adds each folder's layer to it.
const coreImports = {
  paths: [electronImport],
  patterns: [
    {
      group: ['**/renderer/**', '**/preload/**'],
      message: 'core never reaches into the renderer or preload.',
    },
    {
      group: ['../platform/**', '../../platform/**', '**/main/platform/**'],
      message: 'core never imports Electron adapters.',
    },
  ],
}
const nodeBuiltins = {
  group: ['node:*', ...builtinModules.filter((m) => !m.startsWith('_'))],
  message: 'src/shared is pure TypeScript: no Node built-ins (design.md).',
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      'no-console': 'off',
    },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  // Folder boundaries (design.md): enforced here so a violation fails `npm run check`.
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, { name: 'react', message: 'src/shared holds no UI code.' }],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**'],
              message: 'src/shared imports nothing outside itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', coreImports] },
  },
  // The layers inside core (eslint.core-layers.mjs): the store imports nothing above it, the
  // protocols not each other, and nothing in core imports src/main's wiring.
  ...coreLayerBlocks(coreImports),
  {
    // One recogniser of storage failures (core/store/storage-errors.ts): main turns errors into
    // data with its toErrorData, so no path can report a full disk as INTERNAL or a network error.
    files: ['src/main/**/*.ts', 'test/**/*.ts'],
    ignores: ['src/main/core/store/storage-errors.ts', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='toAppErrorData']",
          message: 'In main use toErrorData (core/store/storage-errors.ts): it recognises storage failures.',
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/preload/**'],
              message: 'The renderer reaches main only through window.mail.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
)
