import fs from 'node:fs'
import path from 'node:path'
import {randomBytes} from 'node:crypto'

/**
 * Writes a generated test atomically: a temp file beside it, then a hard link (which refuses an
 * existing file, even one created meanwhile) or, with `overwrite`, a rename over it. Folders are
 * created. Returns 'exists' (and writes nothing) when the file is there and may not be replaced.
 */
export function writeTestFile(
  file: string,
  text: string,
  overwrite: boolean,
): 'written' | 'exists' {
  const dir = path.dirname(path.resolve(file))
  fs.mkdirSync(dir, {recursive: true})
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  fs.writeFileSync(tmp, text, {flag: 'wx'})
  try {
    if (overwrite) {
      fs.renameSync(tmp, file)
      return 'written'
    }
    try {
      fs.linkSync(tmp, file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists'
      throw error
    }
    return 'written'
  } finally {
    fs.rmSync(tmp, {force: true})
  }
}
