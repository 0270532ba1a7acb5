import {build} from 'esbuild'

/**
 * Bundle a worker thread's entry into one ESM file, as scripts/build.mjs builds the app's
 * workers (a worker thread runs JavaScript, not the tests' TypeScript): the native and msgpack
 * packages stay external, and the bundle gets a require() for the CommonJS ones.
 */
export async function bundleWorker(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3', 'msgpackr'],
    logLevel: 'warning',
    banner: {
      js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);",
    },
  })
}
