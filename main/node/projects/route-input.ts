import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {maxLinkChars} from '../../../shared/api/projects-contract'
import type {DiffLinkSide} from '../../../shared/diff/diff-link'

/** Where one input (a path, a file:// URL or a kolo-explorer:// link) leads, or why nowhere. */
export type Route =
  | {kind: 'project'; path: string}
  | {kind: 'link'; projectPath: string; traceId: string; frameId?: string}
  | {kind: 'diff'; a: DiffLinkSide; b: DiffLinkSide}
  | {kind: 'rejected'; reason: string}

/** What a path is, as the router needs to know it. */
export type PathKind = 'file' | 'dir' | 'other' | undefined

/** The router's view of the platform; tests pass fakes. */
export interface RouteContext {
  /** What is at an absolute path (default: fs.statSync, following symlinks). */
  stat?: (p: string) => PathKind
  /** Path rules of this platform (default: node:path of the running platform). */
  pathApi?: path.PlatformPath
}

/** The URL scheme of deep links. */
export const linkScheme = 'kolo-explorer'

/** The longest path accepted. */
export const maxPathChars = 4096

// Kolo ids: trc_<ULID>, inv_<uuid4>, frm_<ULID> or frm_<uuid4>; kept loose, but never a path.
const traceIdPattern = /^[A-Za-z][A-Za-z0-9]{0,15}_[A-Za-z0-9-]{1,100}$/
const frameIdPattern = /^frm_[A-Za-z0-9-]{1,100}$/
const linkParams = new Set(['project', 'trace', 'frame'])
const diffParams = new Set(['project', 'projectB', 'a', 'b', 'frameA', 'frameB', 'nodeA', 'nodeB'])
const nodeIdPattern = /^\d{1,10}$/

const reject = (reason: string): Route => ({kind: 'rejected', reason})

/** What is at `p`, following symlinks; undefined when nothing (or it cannot be seen). */
export function statKind(p: string): PathKind {
  try {
    const s = fs.statSync(p, {throwIfNoEntry: false})
    if (!s) return undefined
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other'
  } catch {
    return undefined
  }
}

/** Shorten untrusted text for a message: one line, at most `max` characters. */
export function quoteInput(text: string, max = 120): string {
  // Control characters would let a link forge extra lines in a log or a notice.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?')
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max)}…` : clean)
}

/**
 * Route one untrusted input: a kolo-explorer:// link, a file:// URL, or an absolute path.
 *
 * Everything is checked and nothing is opened here: a path must be absolute, free of `..`
 * segments and control characters, at most 4,096 characters, and exist as a file or folder;
 * a link must be `kolo-explorer://open?project=…[&trace=…[&frame=…]]` or
 * `kolo-explorer://diff?project=…&a=…&b=…[&projectB=…][&frameA=…&frameB=…]` with nothing else in it.
 * Other schemes, relative paths and malformed links come back `rejected` with a reason naming
 * the input and the problem.
 */
export function routeInput(input: unknown, ctx: RouteContext = {}): Route {
  if (typeof input !== 'string') return reject('Expected a path or a link, got nothing usable')
  const text = input.trim()
  if (text === '') return reject('Expected a path or a link, got an empty string')
  if (text.length > maxLinkChars) {
    return reject(`Input too long (${text.length} characters; at most ${maxLinkChars})`)
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    return reject(`${quoteInput(text)}: contains control characters`)
  }
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(text)?.[1]?.toLowerCase()
  // One letter is a Windows drive ("C:\…"), not a scheme.
  if (scheme !== undefined && scheme.length > 1) {
    if (scheme === linkScheme) return routeLink(text, ctx)
    if (scheme === 'file') return routeFileUrl(text, ctx)
    return reject(
      `${quoteInput(text)}: unsupported scheme "${scheme}:" (only ${linkScheme}:// links, file:// URLs and paths open)`,
    )
  }
  const checked = checkPath(text, ctx)
  return typeof checked === 'string' ? {kind: 'project', path: checked} : checked
}

/** An absolute, normalised path that exists, or the rejection saying what is wrong with it. */
export function checkPath(
  p: string,
  ctx: RouteContext = {},
): string | {kind: 'rejected'; reason: string} {
  const pathApi = ctx.pathApi ?? path
  const stat = ctx.stat ?? statKind
  if (p.length > maxPathChars) {
    return {
      kind: 'rejected',
      reason: `Path too long (${p.length} characters; at most ${maxPathChars})`,
    }
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(p)) {
    return {kind: 'rejected', reason: `${quoteInput(p)}: contains control characters`}
  }
  if (!pathApi.isAbsolute(p)) {
    return {kind: 'rejected', reason: `${quoteInput(p)}: not an absolute path`}
  }
  if (p.split(/[\\/]+/).includes('..')) {
    return {kind: 'rejected', reason: `${quoteInput(p)}: ".." is not allowed in a path`}
  }
  const normal = pathApi.normalize(p)
  const trimmed =
    normal.length > 1 && /[\\/]$/.test(normal) && !/^[A-Za-z]:[\\/]$/.test(normal)
      ? normal.slice(0, -1)
      : normal
  const kind = stat(trimmed)
  if (kind === undefined) {
    return {kind: 'rejected', reason: `${quoteInput(trimmed)}: no such file or folder`}
  }
  if (kind === 'other') {
    return {kind: 'rejected', reason: `${quoteInput(trimmed)}: not a file or folder`}
  }
  return trimmed
}

function routeFileUrl(text: string, ctx: RouteContext): Route {
  let p: string
  try {
    const url = new URL(text)
    if (url.search !== '' || url.hash !== '') {
      return reject(`${quoteInput(text)}: a file:// URL with a query or fragment`)
    }
    if (url.hostname !== '' && url.hostname !== 'localhost') {
      return reject(`${quoteInput(text)}: a file on another host`)
    }
    p = fileURLToPath(url)
  } catch {
    return reject(`${quoteInput(text)}: a malformed file:// URL`)
  }
  const checked = checkPath(p, ctx)
  return typeof checked === 'string' ? {kind: 'project', path: checked} : checked
}

function routeLink(text: string, ctx: RouteContext): Route {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return reject(`${quoteInput(text)}: a malformed link`)
  }
  // kolo-explorer://open?… (host "open"), or kolo-explorer:open?… as some launchers pass it.
  const target = (url.hostname !== '' ? url.hostname + url.pathname : url.pathname)
    .replace(/\/+$/, '')
    .toLowerCase()
  if (target !== 'open' && target !== 'diff') {
    return reject(
      `${quoteInput(text)}: unknown link target (expected ${linkScheme}://open?… or ${linkScheme}://diff?…)`,
    )
  }
  if (url.username !== '' || url.password !== '' || url.port !== '' || url.hash !== '') {
    return reject(`${quoteInput(text)}: unexpected parts in the link`)
  }
  const known = target === 'diff' ? diffParams : linkParams
  const seen = new Map<string, string>()
  for (const [key, value] of url.searchParams) {
    if (!known.has(key)) return reject(`${quoteInput(text)}: unknown parameter "${key}"`)
    if (seen.has(key)) return reject(`${quoteInput(text)}: "${key}" is given twice`)
    seen.set(key, value)
  }
  if (target === 'diff') return routeDiffLink(text, seen, ctx)
  const project = seen.get('project')
  const trace = seen.get('trace')
  const frame = seen.get('frame')
  if (project === undefined || project === '') {
    return reject(`${quoteInput(text)}: the link names no project`)
  }
  if (trace !== undefined && !traceIdPattern.test(trace)) {
    return reject(`${quoteInput(text)}: ${quoteInput(trace, 40)} is not a trace id`)
  }
  if (frame !== undefined && !frameIdPattern.test(frame)) {
    return reject(`${quoteInput(text)}: ${quoteInput(frame, 40)} is not a frame id`)
  }
  if (frame !== undefined && trace === undefined) {
    return reject(`${quoteInput(text)}: a frame needs a trace`)
  }
  const checked = checkPath(project, ctx)
  if (typeof checked !== 'string') return reject(`Link project ${checked.reason}`)
  if (trace === undefined) return {kind: 'project', path: checked}
  return frame === undefined
    ? {kind: 'link', projectPath: checked, traceId: trace}
    : {kind: 'link', projectPath: checked, traceId: trace, frameId: frame}
}

/**
 * A comparison link: `kolo-explorer://diff?project=…&a=…&b=…`, with `projectB=…` when B is in
 * another project (a file from a colleague against a local trace), and `frameA`/`frameB` (or
 * `nodeA`/`nodeB`) when it compares two executions. Both sides name a root or neither does.
 */
function routeDiffLink(text: string, params: Map<string, string>, ctx: RouteContext): Route {
  const quoted = quoteInput(text)
  const project = params.get('project')
  if (project === undefined || project === '') return reject(`${quoted}: the link names no project`)
  const sides: DiffLinkSide[] = []
  for (const side of ['A', 'B'] as const) {
    const traceId = params.get(side.toLowerCase())
    if (traceId === undefined) return reject(`${quoted}: the link names no trace ${side}`)
    if (!traceIdPattern.test(traceId)) {
      return reject(`${quoted}: ${quoteInput(traceId, 40)} is not a trace id`)
    }
    const given = side === 'B' ? (params.get('projectB') ?? project) : project
    const checked = checkPath(given, ctx)
    if (typeof checked !== 'string') return reject(`Link project ${checked.reason}`)
    const one: DiffLinkSide = {projectPath: checked, traceId}
    const frame = params.get(`frame${side}`)
    const node = params.get(`node${side}`)
    if (frame !== undefined && node !== undefined) {
      return reject(`${quoted}: frame${side} and node${side} name the same thing twice`)
    }
    if (frame !== undefined) {
      if (!frameIdPattern.test(frame)) {
        return reject(`${quoted}: ${quoteInput(frame, 40)} is not a frame id`)
      }
      one.frameId = frame
    }
    if (node !== undefined) {
      if (!nodeIdPattern.test(node) || Number(node) >= 2 ** 31) {
        return reject(`${quoted}: ${quoteInput(node, 40)} is not a node id`)
      }
      one.nodeId = Number(node)
    }
    sides.push(one)
  }
  const [a, b] = sides as [DiffLinkSide, DiffLinkSide]
  const rooted = (s: DiffLinkSide) => s.frameId !== undefined || s.nodeId !== undefined
  if (rooted(a) !== rooted(b)) {
    return reject(`${quoted}: two executions need one on each side (frameA/nodeA and frameB/nodeB)`)
  }
  return {kind: 'diff', a, b}
}

/**
 * The deep link that selects one execution: `kolo-explorer://open?project=…&trace=…&frame=…`.
 *
 * Encoded with URLSearchParams, as `kolo-explorer open` prints them and the renderer copies them.
 */
export function formatLink(projectPath: string, traceId?: string, frameId?: string): string {
  const q = new URLSearchParams({project: projectPath})
  if (traceId !== undefined) q.set('trace', traceId)
  if (frameId !== undefined) q.set('frame', frameId)
  return `${linkScheme}://open?${q.toString()}`
}
