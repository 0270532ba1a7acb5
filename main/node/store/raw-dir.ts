import fs from 'node:fs'
import path from 'node:path'

/** One Kolo 3.x body file in `raw/`. */
export interface RawFile {
  file: string
  storage: 'raw-kolo' | 'raw-msgpack'
}

const rawName = /^([^.][^/\\]*)\.(kolo|msgpack)$/

/**
 * The body files in a 3.x `raw/` folder by trace id; `.kolo` wins over `.msgpack` (Kolo's lookup
 * order). Kolo writes `.<name>.<hex>.tmp` siblings and renames them: hidden and `.tmp` names are
 * not traces. A missing folder has no files.
 */
export function listRawFiles(rawDir: string): Map<string, RawFile> {
  const files = new Map<string, RawFile>()
  let names: string[]
  try {
    names = fs.readdirSync(rawDir)
  } catch {
    return files
  }
  names.sort()
  for (const name of names) {
    const m = rawName.exec(name)
    if (!m) continue
    const [, id = '', ext] = m
    const storage = ext === 'kolo' ? 'raw-kolo' : 'raw-msgpack'
    if (storage === 'raw-msgpack' && files.has(id)) continue
    files.set(id, {file: path.join(rawDir, name), storage})
  }
  return files
}

/** Size and mtime of a file, or undefined when it is gone. */
export function fileStat(file: string): {size: number; mtimeMs: number} | undefined {
  const s = fs.statSync(file, {throwIfNoEntry: false})
  return s ? {size: s.size, mtimeMs: Math.floor(s.mtimeMs)} : undefined
}
