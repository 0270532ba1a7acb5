import type {PathMapping} from '../api/source-contract'

/**
 * Pure helpers for source files: languages, function extents, path mappings.
 *
 * Paths here are strings with `/` separators (Windows paths are normalised first); nothing touches
 * a file system, so the service, the CLI and the renderer share them.
 */

/** A path with `\` turned into `/` (Kolo on Windows records backslashes). */
export function toSlashes(path: string): string {
  return path.replace(/\\/g, '/')
}

/** Whether a recorded path is absolute (POSIX, a Windows drive, or a UNC path). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')
}

const languages: Record<string, string> = {
  py: 'python',
  pyi: 'python',
  pyx: 'python',
  html: 'django',
  htm: 'django',
  txt: 'plaintext',
  js: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  json: 'json',
  sql: 'sql',
  toml: 'ini',
  ini: 'ini',
  cfg: 'ini',
  yaml: 'yaml',
  yml: 'yaml',
  md: 'markdown',
  css: 'css',
  xml: 'xml',
  sh: 'bash',
}

/** The highlight.js language for a path ('plaintext' when unknown). */
export function languageOf(path: string): string {
  const base = toSlashes(path).split('/').pop() ?? ''
  const dot = base.lastIndexOf('.')
  if (dot < 0) return 'plaintext'
  return languages[base.slice(dot + 1).toLowerCase()] ?? 'plaintext'
}

/** Lines 1…n of a text (index 0 is line 1), with `\r\n` and `\r` line ends. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines
}

function indentOf(line: string): number {
  let n = 0
  for (const ch of line) {
    if (ch === ' ') n += 1
    else if (ch === '\t') n += 8 - (n % 8)
    else break
  }
  return n
}

/**
 * The lines a Python function spans: from its first line (Kolo's def line, which is the first
 * decorator for a decorated function) to its last non-blank line, found by indentation.
 *
 * Lines are 1-based and inclusive. Brackets and triple-quoted strings are tracked, so a
 * multi-line signature or a docstring with dedented text does not end the function early.
 * `defLine` 0 (a module) or past the end gives the whole file.
 */
export function functionExtent(lines: string[], defLine: number): {start: number; end: number} {
  if (defLine < 1 || defLine > lines.length) return {start: 1, end: lines.length}
  const base = indentOf(lines[defLine - 1]!)
  let depth = 0
  let triple: string | undefined
  let sawDef = false
  let inHeader = true
  let end = defLine
  for (let n = defLine; n <= lines.length; n++) {
    const line = lines[n - 1]!
    const trimmed = line.trim()
    const continued = depth > 0 || triple !== undefined
    const code = !continued && trimmed !== '' && !trimmed.startsWith('#')
    if (code && !inHeader && indentOf(line) <= base) break
    if (code && !trimmed.startsWith('@')) sawDef = true
    ;({depth, triple} = scanBrackets(line, depth, triple))
    // The header (decorators, a signature over several lines) ends with the def statement.
    if (inHeader && sawDef && depth === 0 && triple === undefined) inHeader = false
    if (code || continued) end = n
  }
  return {start: defLine, end}
}

function scanBrackets(
  line: string,
  depth: number,
  triple: string | undefined,
): {depth: number; triple: string | undefined} {
  let i = 0
  while (i < line.length) {
    if (triple) {
      const close = line.indexOf(triple, i)
      if (close < 0) return {depth, triple}
      i = close + 3
      triple = undefined
      continue
    }
    const ch = line[i]!
    if (ch === '#') break
    if (ch === '"' || ch === "'") {
      if (line.startsWith(ch.repeat(3), i)) {
        triple = ch.repeat(3)
        i += 3
        continue
      }
      i += 1
      while (i < line.length && line[i] !== ch) i += line[i] === '\\' ? 2 : 1
      i += 1
      continue
    }
    if (ch === '(' || ch === '[' || ch === '{') depth += 1
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth -= 1
    i += 1
  }
  return {depth, triple}
}

/** Whether `path` starts with the mapping prefix `from` at a path boundary. */
export function hasPrefix(path: string, from: string): boolean {
  const p = toSlashes(path)
  const f = toSlashes(from)
  if (f === '') return false
  if (!p.startsWith(f)) return false
  return f.endsWith('/') || p.length === f.length || p[f.length] === '/'
}

/**
 * The mapped path for the longest mapping prefix that `path` starts with, or undefined.
 *
 * The rest of the path is appended to `to` with exactly one `/` between them.
 */
export function applyMappings(
  path: string,
  mappings: readonly PathMapping[],
): {path: string; mapping: PathMapping} | undefined {
  let best: PathMapping | undefined
  for (const m of mappings) {
    if (
      hasPrefix(path, m.from) &&
      (!best || toSlashes(m.from).length > toSlashes(best.from).length)
    ) {
      best = m
    }
  }
  if (!best) return undefined
  const rest = toSlashes(path).slice(toSlashes(best.from).length).replace(/^\/+/, '')
  const to = toSlashes(best.to).replace(/\/+$/, '')
  return {path: rest === '' ? to : `${to}/${rest}`, mapping: best}
}

/**
 * The mapping that turns `recorded` into `found`, two absolute paths to the same file in
 * different places: the parts before their longest common tail of path components.
 *
 * Both prefixes end with `/`. Undefined when the file names differ or nothing but the root differs.
 */
export function mappingBetween(recorded: string, found: string): PathMapping | undefined {
  const a = toSlashes(recorded).split('/')
  const b = toSlashes(found).split('/')
  let common = 0
  while (
    common < a.length - 1 &&
    common < b.length - 1 &&
    a[a.length - 1 - common] === b[b.length - 1 - common] &&
    a[a.length - 1 - common] !== ''
  ) {
    common += 1
  }
  if (common === 0) return undefined
  const from = a.slice(0, a.length - common).join('/') + '/'
  const to = b.slice(0, b.length - common).join('/') + '/'
  if (from === to) return undefined
  return {from, to}
}

/** The last `count` components of a path ("django/db/models/query.py" for 4). */
export function pathTail(path: string, count: number): string {
  const parts = toSlashes(path)
    .split('/')
    .filter(p => p !== '' && p !== '.' && p !== '..')
  return parts.slice(-count).join('/')
}
