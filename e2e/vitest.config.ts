import {fileURLToPath} from 'node:url'
import {defineConfig} from 'vitest/config'

// The end-to-end suite (`npm run test:e2e`): the built app (`dist/`) driven through `serve` in
// headless Chromium, and Electron where a binary exists. One file at a time, long timeouts.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    reporters: ['default'],
  },
})
