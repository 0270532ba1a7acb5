import {existsSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * A file or folder of the build (`dist/…`), found by walking up from this module.
 *
 * Works both from the bundle (dist/main/cli.js) and from source (tests); undefined when the
 * project has not been built.
 */
export function builtPath(relative: string, from: string = import.meta.url): string | undefined {
  let dir = path.dirname(fileURLToPath(from))
  for (;;) {
    const candidate = path.join(dir, 'dist', relative)
    if (existsSync(candidate)) return candidate
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}

/** The project root (the folder of package.json) seen from this module, if it can be found. */
export function packageRoot(from: string = import.meta.url): string | undefined {
  let dir = path.dirname(fileURLToPath(from))
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) return undefined
    dir = parent
  }
}
