import {builtinModules} from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import {rooms, testSupport} from './scripts/lint/house-plan.js'
import {housePlugin} from './scripts/lint/house-rule.js'

const platform = ['electron', 'better-sqlite3', 'msgpackr', ...builtinModules]
// Bare module names only, so a relative path through a folder named like a builtin
// (renderer/features/http/) is not taken for `http`.
const platformRegex = `^(node:.*|(${platform.map(m => m.replace(/[/.]/g, '\\$&')).join('|')})(/.*)?)$`
const ban = (group, message, withPlatform = false) => ({
  'no-restricted-imports': [
    'error',
    {patterns: [...(withPlatform ? [{regex: platformRegex, message}] : []), {group, message}]},
  ],
})

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'out/**', '.cache/**', 'test-results/**']},
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {projectService: true, tsconfigRootDir: import.meta.dirname},
      globals: {...globals.node},
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked},
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: {'react-hooks': reactHooks},
    languageOptions: {globals: {...globals.browser}},
    rules: {...reactHooks.configs.recommended.rules},
  },
  {
    files: ['shared/**'],
    rules: ban(['**/main/**', '**/renderer/**'], 'shared/ is pure', true),
  },
  {
    files: ['renderer/**'],
    rules: ban(['**/main/**'], 'renderer runs in a browser too', true),
  },
  {
    files: ['main/node/**', 'main/server/**', 'main/cli/**', 'main/cli.ts'],
    rules: ban(['electron'], 'only main/electron imports electron'),
  },
  // Raw IPC only in the two adapters: every other file goes through the one contract.
  {
    files: ['main/electron/**'],
    ignores: ['main/electron/ipc.ts', 'main/electron/preload.ts', 'main/electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'raw IPC lives in main/electron/ipc.ts and preload.ts only',
            },
          ],
        },
      ],
    },
  },
  // The house plan: rooms import only the rooms below them, and never test support.
  {
    files: ['main/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: {house: housePlugin},
    rules: {'house/rooms': ['error', {rooms, testSupport}]},
  },
)
