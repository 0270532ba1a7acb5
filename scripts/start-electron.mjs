// `npm start` (after the build): the desktop app when Electron can run here, else `serve` on the
// embedded demo, so `npm install && npm start` always shows the app.
//
// Electron loads native modules built for its own ABI. The tests use node_modules/better-sqlite3
// as built for Node, so that copy is never touched: an Electron build of a COPY lives in
// .cache/electron-native/, and the store finds it through KOLO_EXPLORER_SQLITE_BINDING.
import {spawn, spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const require = createRequire(path.join(root, 'package.json'))
const electronMain = path.join(root, 'dist', 'main', 'electron.cjs')

/** The installed electron package: its version and binary, or why there is none. */
function findElectron() {
  let packageJson
  try {
    packageJson = require.resolve('electron/package.json')
  } catch {
    return {why: 'the optional `electron` package is not installed (npm install electron)'}
  }
  const version = JSON.parse(readFileSync(packageJson, 'utf8')).version
  let binary
  try {
    // electron's main export is the path of its binary; it throws when the download failed.
    binary = require('electron')
  } catch (error) {
    return {why: `the Electron ${version} binary is missing (${firstLine(error)})`}
  }
  if (typeof binary !== 'string' || !existsSync(binary)) {
    return {why: `the Electron ${version} binary is missing (its download may have failed)`}
  }
  return {version, binary}
}

/** Why Electron cannot run here, or undefined when it can. */
export function electronUnavailable() {
  const electron = findElectron()
  if (electron.why) return electron.why
  if (!existsSync(electronMain)) return 'the app is not built (run `npm run build`)'
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)'
  }
  return undefined
}

/**
 * The path of better_sqlite3.node built for this Electron, building it once if needed.
 *
 * Tries a prebuilt binary first (prebuild-install, as better-sqlite3's own install does), then
 * compiles against Electron's headers with node-gyp. The build happens in a temporary folder that
 * is renamed into place only when it worked, so a failed build leaves nothing half-made.
 */
export function ensureElectronSqlite(electronVersion, log = console.error) {
  const source = path.dirname(require.resolve('better-sqlite3/package.json'))
  const tag = `better-sqlite3-${readVersion(source)}-electron-${electronVersion}-${process.platform}-${process.arch}`
  const target = path.join(root, '.cache', 'electron-native', tag)
  const binding = path.join(target, 'build', 'Release', 'better_sqlite3.node')
  if (existsSync(binding)) return binding
  log(`kolo-explorer: building better-sqlite3 for Electron ${electronVersion} (once)…`)
  const work = `${target}.tmp-${process.pid}`
  rmSync(work, {recursive: true, force: true})
  mkdirSync(path.dirname(work), {recursive: true})
  cpSync(source, work, {
    recursive: true,
    filter: file => path.relative(source, file).split(path.sep)[0] !== 'build',
  })
  const node = process.execPath
  const electronArgs = [
    `--runtime=electron`,
    `--target=${electronVersion}`,
    `--arch=${process.arch}`,
  ]
  const attempts = [
    [require.resolve('prebuild-install/bin.js'), ...electronArgs, '--platform', process.platform],
    [
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
  ]
  for (const args of attempts) {
    const result = spawnSync(node, args, {cwd: work, stdio: ['ignore', 'ignore', 'pipe']})
    if (
      result.status === 0 &&
      existsSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'))
    ) {
      rmSync(target, {recursive: true, force: true})
      renameSync(work, target)
      return binding
    }
    log(
      `kolo-explorer: ${path.basename(args[0])} failed: ${firstLine(result.stderr) || result.status}`,
    )
  }
  rmSync(work, {recursive: true, force: true})
  throw new Error(`could not build better-sqlite3 for Electron ${electronVersion}`)
}

/** Launch Electron on the built app with these arguments; resolves with its exit code. */
export async function launchElectron(args, log = console.error) {
  const electron = findElectron()
  if (electron.why) throw new Error(electron.why)
  const binding = ensureElectronSqlite(electron.version, log)
  const child = spawn(electron.binary, [electronMain, ...args], {
    stdio: 'inherit',
    env: {...process.env, KOLO_EXPLORER_SQLITE_BINDING: binding, ELECTRON_RUN_AS_NODE: undefined},
  })
  forwardSignals(child)
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** Run `kolo-explorer serve` from the build, in this process's terminal. */
function serveInstead(args) {
  const cli = path.join(root, 'dist', 'main', 'cli.js')
  if (!existsSync(cli)) {
    console.error('kolo-explorer: the app is not built; run `npm run build` first')
    return Promise.resolve(1)
  }
  const child = spawn(process.execPath, [cli, 'serve', ...args], {stdio: 'inherit'})
  forwardSignals(child)
  return new Promise(resolve => child.on('exit', code => resolve(code ?? 0)))
}

// Ctrl+C or a kill of this launcher reaches the app it started, which then shuts down cleanly.
function forwardSignals(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
}

function readVersion(folder) {
  return JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')).version
}

function firstLine(value) {
  const text = value instanceof Error ? value.message : String(value ?? '')
  return text.trim().split('\n')[0] ?? ''
}

async function main() {
  const args = process.argv.slice(2)
  const why = electronUnavailable()
  if (why === undefined) {
    try {
      process.exitCode = await launchElectron(args)
      return
    } catch (error) {
      console.error(`kolo-explorer: the desktop app could not start: ${firstLine(error)}`)
    }
  } else {
    console.error(`kolo-explorer: the desktop app cannot run here: ${why}.`)
  }
  console.error('kolo-explorer: serving the explorer to a browser instead (kolo-explorer serve).')
  // Paths are kept; a kolo-explorer:// link means nothing to serve.
  process.exitCode = await serveInstead(args.filter(arg => !arg.includes('://')))
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main()
}
