import {readdirSync} from 'node:fs'
import {homedir} from 'node:os'
import path from 'node:path'
import type {PathMapping} from '../../../shared/api/source-contract'
import {isAbsolutePath, mappingBetween, toSlashes} from '../../../shared/model/source'
import {isFile} from './resolve'

/** Limits of the search for a file that a recorded path may name. */
export interface SuggestOptions {
  /** Extra folders to search first (tests). */
  bases?: string[]
  /** Folders visited at most, over all bases. */
  maxDirs?: number
  /** Folder depth below each base. */
  maxDepth?: number
  home?: string
  /** Where the system's Python folders (/usr/lib, ...) are looked for (default '/'; tests: a temp folder). */
  fsRoot?: string
}

const skipDirs = new Set(['node_modules', '__pycache__', 'site-packages', 'dist-packages', 'proc'])

/**
 * A path mapping that would make `recorded` resolve, from files that exist, or undefined.
 *
 * Library paths (below `site-packages/`, `dist-packages/` or `lib/pythonX.Y/`) are looked up in
 * the usual Python install folders by their tail. Other paths are searched for by name in the
 * source root, its parent and grand-parent (bounded), and the file sharing the longest tail of
 * path components wins. The mapping's `from` is the recorded path's prefix when it is absolute or
 * climbs out with `../`, else the prefix of the path made absolute against the source root.
 */
export function suggestMapping(
  recorded: string,
  sourceRoot: string,
  options: SuggestOptions = {},
): PathMapping | undefined {
  const slashed = toSlashes(recorded)
  const asRecorded = isAbsolutePath(recorded) || slashed.startsWith('../')
  const from = asRecorded ? slashed : toSlashes(path.join(sourceRoot, slashed))
  const found =
    findLibrary(slashed, sourceRoot, options.home ?? homedir(), options.fsRoot ?? '/') ??
    findByName(slashed, sourceRoot, options)
  if (!found) return undefined
  return mappingBetween(from, toSlashes(found))
}

function findLibrary(
  recorded: string,
  sourceRoot: string,
  home: string,
  fsRoot: string,
): string | undefined {
  const packages = /(?:^|\/)(?:site|dist)-packages\/(.+)$/.exec(recorded)
  const m = packages ?? /(?:^|\/)lib\/python\d(?:\.\d+)?\/(.+)$/.exec(recorded)
  if (!m) return undefined
  const tail = m[1]!
  const stdlib = !packages
  for (const dir of pythonDirs(sourceRoot, home, fsRoot, stdlib)) {
    const candidate = path.join(dir, tail)
    if (isFile(candidate)) return candidate
  }
  return undefined
}

/** Folders where Python libraries (or the standard library) usually live on this machine. */
function pythonDirs(sourceRoot: string, home: string, fsRoot: string, stdlib: boolean): string[] {
  const libParents = [
    ...['.venv', 'venv', 'env', '.env'].map(v => path.join(sourceRoot, v, 'lib')),
    ...['usr/lib', 'usr/local/lib', 'opt/homebrew/lib'].map(p => path.join(fsRoot, p)),
    path.join(home, '.local', 'lib'),
    ...children(path.join(home, '.pyenv', 'versions')).map(v => path.join(v, 'lib')),
  ]
  const out: string[] = []
  for (const parent of libParents) {
    for (const py of children(parent).filter(d => /^python\d(\.\d+)?$/.test(path.basename(d)))) {
      if (stdlib) out.push(py)
      else out.push(path.join(py, 'site-packages'), path.join(py, 'dist-packages'))
    }
  }
  return out
}

function children(dir: string): string[] {
  try {
    return readdirSync(dir, {withFileTypes: true})
      .filter(d => d.isDirectory())
      .map(d => path.join(dir, d.name))
      .sort()
  } catch {
    return []
  }
}

function findByName(
  recorded: string,
  sourceRoot: string,
  options: SuggestOptions,
): string | undefined {
  const parts = recorded.split('/').filter(p => p !== '' && p !== '.' && p !== '..')
  const name = parts[parts.length - 1]
  if (!name) return undefined
  const maxDirs = options.maxDirs ?? 4000
  const maxDepth = options.maxDepth ?? 4
  const root = path.resolve(sourceRoot)
  const bases = [
    ...(options.bases ?? []),
    root,
    path.dirname(root),
    path.dirname(path.dirname(root)),
  ]
  const seen = new Set<string>()
  let best: {file: string; common: number} | undefined
  let visited = 0
  for (const base of bases) {
    // Breadth first, so the nearest copy is found before a deep one and the budget is spent fairly.
    let level = [base]
    for (let depth = 0; depth <= maxDepth && level.length > 0; depth++) {
      const next: string[] = []
      for (const dir of level) {
        if (seen.has(dir) || visited >= maxDirs) continue
        seen.add(dir)
        visited += 1
        let entries
        try {
          entries = readdirSync(dir, {withFileTypes: true})
        } catch {
          continue
        }
        for (const e of entries) {
          if (e.isDirectory() && !e.name.startsWith('.') && !skipDirs.has(e.name)) {
            next.push(path.join(dir, e.name))
          } else if (e.name === name && e.isFile()) {
            const file = path.join(dir, e.name)
            const common = commonTail(parts, toSlashes(file).split('/'))
            if (!best || common > best.common) best = {file, common}
          }
        }
      }
      level = next
    }
    if (best && best.common >= Math.min(parts.length, 2)) return best.file
  }
  return best && best.common >= Math.min(parts.length, 2) ? best.file : undefined
}

function commonTail(a: string[], b: string[]): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n += 1
  return n
}
