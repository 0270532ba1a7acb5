import {opendir} from 'node:fs/promises'
import path from 'node:path'
import {locateInProject} from '../store/locate'

/** Limits of a search; the defaults keep one search under a second on a big home folder. */
export interface FindProjectsOptions {
  /** Levels below the root to look into (0: the root only). Default 4. */
  maxDepth?: number
  /** Stop after this many projects. Default 200. */
  maxResults?: number
  /** Stop after reading this many folders. Default 20,000. */
  maxFolders?: number
}

// Folders that never hold a project of one's own, and can be huge.
const skipped = new Set([
  'node_modules',
  '__pycache__',
  'site-packages',
  'venv',
  'env',
  'Library',
  'AppData',
  'proc',
  'sys',
])

/** A folder holding a Kolo store. */
export interface FoundFolder {
  path: string
  format: 'kolo-2' | 'kolo-3'
}

/**
 * Folders below `root` holding a Kolo store (`.kolo/db.sqlite3` or `.kolo/.internal/`), breadth
 * first, nearest first.
 *
 * Hidden folders and the usual dependency folders are not entered, symlinks are not followed (no
 * loops), unreadable folders are skipped, and a project's own subfolders are not searched.
 */
export async function findKoloProjects(
  root: string,
  options: FindProjectsOptions = {},
): Promise<{root: string; projects: FoundFolder[]; truncated: boolean}> {
  const {maxDepth = 4, maxResults = 200, maxFolders = 20_000} = options
  const found: FoundFolder[] = []
  let queue: string[] = [root]
  let folders = 0
  let truncated = false
  for (let depth = 0; depth <= maxDepth && queue.length > 0; depth++) {
    const next: string[] = []
    for (const dir of queue) {
      if (found.length >= maxResults || folders >= maxFolders) {
        truncated = true
        break
      }
      folders++
      const children = await subfolders(dir)
      if (children.includes('.kolo')) {
        const location = locateInProject(dir)
        if (location) {
          found.push({path: dir, format: location.format})
          continue
        }
      }
      if (depth < maxDepth) {
        for (const name of children) {
          if (!name.startsWith('.') && !skipped.has(name)) next.push(path.join(dir, name))
        }
      }
    }
    if (truncated) break
    queue = next.sort()
  }
  return {root, projects: found, truncated}
}

async function subfolders(dir: string): Promise<string[]> {
  const names: string[] = []
  try {
    const handle = await opendir(dir)
    for await (const entry of handle) {
      // Dirent.isDirectory() is false for a symlink: links are not followed.
      if (entry.isDirectory()) names.push(entry.name)
    }
  } catch {
    // Unreadable (permissions), or gone meanwhile: nothing below it.
  }
  return names
}
