import type {ExceptionFrame} from '../model/node-details'

/** One entry of a formatted Python traceback. */
export type TracebackEntry =
  | {kind: 'text'; text: string}
  | {
      kind: 'frame'
      /** The path as printed (absolute for the traced process, usually). */
      path: string
      line: number
      name: string
      /** The source line and any caret markers printed under it. */
      code: string
      /** The matching entry of the exception's frames (user code Kolo recorded), if any. */
      frameIndex?: number
    }

const frameRe = /^\s*File "(.*)", line (\d+), in (.*)$/

/**
 * Split `exception_with_traceback` (traceback.format_exception's lines) into frames and text,
 * matching each frame to the exception's recorded frames by name, line and path suffix.
 *
 * The traceback prints the traced process's absolute paths while Kolo records frames relative to
 * its working directory, so "/srv/app/shelf/views.py" matches a frame at "shelf/views.py".
 */
export function parseTraceback(lines: string[], frames: ExceptionFrame[]): TracebackEntry[] {
  const entries: TracebackEntry[] = []
  const used = new Set<number>()
  for (const chunk of lines) {
    const [head = '', ...rest] = chunk.replace(/\n$/, '').split('\n')
    const m = frameRe.exec(head)
    if (!m) {
      entries.push({kind: 'text', text: chunk.replace(/\n$/, '')})
      continue
    }
    const [, path = '', lineText = '0', name = ''] = m
    const line = Number(lineText)
    const frameIndex = frames.findIndex(
      (f, i) => !used.has(i) && f.line === line && f.coName === name && samePath(path, f.path),
    )
    if (frameIndex >= 0) used.add(frameIndex)
    entries.push({
      kind: 'frame',
      path,
      line,
      name,
      code: dedent(rest).join('\n'),
      ...(frameIndex >= 0 ? {frameIndex} : {}),
    })
  }
  return entries
}

/** True when a printed path and a recorded one name the same file (one may be relative). */
export function samePath(printed: string, recorded: string): boolean {
  const a = printed.replace(/\\/g, '/')
  // Recorded paths are relative to the traced process's directory and may climb out of it.
  const b = recorded.replace(/\\/g, '/').replace(/^(\.\.?\/)+/, '')
  if (a === b) return true
  return a.endsWith('/' + b) || b.endsWith('/' + a)
}

function dedent(lines: string[]): string[] {
  const indents = lines.filter(l => l.trim() !== '').map(l => /^ */.exec(l)![0].length)
  const cut = indents.length > 0 ? Math.min(...indents) : 0
  return lines.map(l => l.slice(cut))
}

/**
 * The file (of those a trace recorded) a traceback line names, for lines of frames Kolo did not
 * list among the exception's frames (library code in a trace that included it).
 */
export function fileForPath(
  printed: string,
  files: readonly {fileId: number; path: string}[],
): number | undefined {
  let best: {fileId: number; length: number} | undefined
  for (const f of files) {
    if (!samePath(printed, f.path)) continue
    // The longest recorded path wins: "shelf/views.py" over "views.py".
    if (!best || f.path.length > best.length) best = {fileId: f.fileId, length: f.path.length}
  }
  return best?.fileId
}
