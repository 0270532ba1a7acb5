import {spawn} from 'node:child_process'
import type {ChildProcess} from 'node:child_process'
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {cliPath, repoRoot} from './paths'

/** A running `kolo-explorer serve` child. */
export interface ServeHandle {
  /** The URL it printed: `http://127.0.0.1:PORT/?token=…`. */
  url: string
  origin: string
  token: string
  /** Everything it wrote so far, for assertions and failure messages. */
  stdout: () => string
  stderr: () => string
  /**
   * The private cache folder (XDG_CACHE_HOME) the child used: the demo, summaries and the model
   * cache live here. Removed on stop unless the caller gave it (to restart on the same cache).
   */
  cacheHome: string
  stop: () => Promise<void>
}

const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+)/

/**
 * Starts `node dist/main/cli.js serve PATH… --port 0` and resolves once it printed its URL.
 *
 * The child gets its own XDG_CACHE_HOME and XDG_CONFIG_HOME, so the embedded demo, the summary
 * cache and settings are written to a temp folder, never to the user's ~/.cache or ~/.config.
 * With no paths it serves the embedded demo. `cacheHome` names the cache folder to use (and keep):
 * a restarted server then finds what the one before it cached.
 */
export async function startServe(
  paths: string[],
  options: {timeoutMs?: number; cacheHome?: string} = {},
): Promise<ServeHandle> {
  const ownCache = options.cacheHome === undefined
  const cacheHome = options.cacheHome ?? mkdtempSync(path.join(tmpdir(), 'kolo-e2e-cache-'))
  const child = spawn(process.execPath, [cliPath, 'serve', ...paths, '--port', '0'], {
    cwd: repoRoot,
    // Settings too (theme, follow-latest) go to the temp folder, never to the user's ~/.config.
    env: {
      ...process.env,
      XDG_CACHE_HOME: cacheHome,
      XDG_CONFIG_HOME: path.join(cacheHome, 'config'),
      NO_COLOR: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk))
  const stop = async (): Promise<void> => {
    await stopChild(child)
    if (ownCache) rmSync(cacheHome, {recursive: true, force: true})
  }
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`serve printed no URL within ${options.timeoutMs ?? 60_000} ms`)),
        options.timeoutMs ?? 60_000,
      )
      const check = (): void => {
        const m = URL_PATTERN.exec(out)
        if (!m) return
        clearTimeout(timer)
        resolve(m)
      }
      child.stdout.on('data', check)
      child.once('exit', code => {
        clearTimeout(timer)
        reject(new Error(`serve exited with code ${String(code)}`))
      })
    })
    const url = match[0]
    return {
      url,
      origin: new URL(url).origin,
      token: match[2] ?? '',
      stdout: () => out,
      stderr: () => err,
      cacheHome,
      stop,
    }
  } catch (error) {
    await stop()
    throw new Error(`${(error as Error).message}\nstdout: ${out}\nstderr: ${err}`, {cause: error})
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}
