// What the benchmarks' run.mjs scripts share: bundle a TypeScript entry with esbuild (as
// scripts/build.mjs bundles the app), check that the app was built, run the bundle.
import {build} from 'esbuild'
import {spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Bundles `entry` (a path below the root) into dist/bench/`name`.js; returns the bundle's path. */
export async function bundle(entry, name) {
  const outfile = path.join(root, 'dist/bench', `${name}.js`)
  await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3', 'msgpackr', 'electron', 'fsevents', 'playwright-core'],
    banner: {
      js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  })
  return outfile
}

/** Exits with a message unless `npm run build` made the CLI and the renderer (serve needs them). */
export function requireAppBuild(bench) {
  if (
    !existsSync(path.join(root, 'dist/main/cli.js')) ||
    !existsSync(path.join(root, 'dist/renderer/index.html'))
  ) {
    console.error(`${bench} bench: run \`npm run build\` first`)
    process.exit(1)
  }
}

/** Runs a bundle with this script's arguments, from the root, and exits with its status. */
export function runBundle(outfile, nodeArgs = []) {
  const run = spawnSync(process.execPath, [...nodeArgs, outfile, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  })
  process.exit(run.status ?? 1)
}
