// `npm run test:e2e`: the end-to-end suite with its own vitest config (one worker, long timeouts).
// Builds first when dist/ is missing; extra arguments go to vitest (e.g. a file filter).
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const chromium = process.env.KOLO_CHROMIUM ?? '/usr/bin/chromium'
const run = args => spawnSync(process.execPath, args, {cwd: root, stdio: 'inherit'}).status ?? 1

if (
  !existsSync(path.join(root, 'dist/main/cli.js')) ||
  !existsSync(path.join(root, 'dist/renderer/index.html'))
) {
  console.log('e2e: dist/ is missing, building first')
  if (run([path.join(root, 'scripts/build.mjs'), '--quiet']) !== 0) process.exit(1)
}
if (!existsSync(chromium)) {
  const message = `e2e: no Chromium at ${chromium} (set KOLO_CHROMIUM, or apt-get install chromium)`
  if (process.env.KOLO_E2E_REQUIRE_BROWSER === '1') {
    console.error(`${message}; KOLO_E2E_REQUIRE_BROWSER=1, failing`)
    process.exit(1)
  }
  console.warn(`${message}: the browser journeys will be skipped`)
}
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs')
process.exit(run([vitest, 'run', '--config', 'e2e/vitest.config.ts', ...process.argv.slice(2)]))
