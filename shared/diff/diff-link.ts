/**
 * One side of a comparison link: a trace of a project, and the execution compared (a frame id, or
 * a node id of the trace as loaded) when the link compares two executions rather than two traces.
 */
export interface DiffLinkSide {
  projectPath: string
  traceId: string
  frameId?: string
  nodeId?: number
}

/**
 * The comparison link of two traces (or two executions):
 * `kolo-explorer://diff?project=…&a=…&b=…[&projectB=…][&frameA=…&frameB=…]`.
 *
 * What "Copy link" of a diff writes and the link router (main/node/projects) reads back; B's
 * project is written only when it is not A's, a root as its frame id when it has one.
 */
export function formatDiffLink(a: DiffLinkSide, b: DiffLinkSide): string {
  const q: [string, string][] = [['project', a.projectPath]]
  if (b.projectPath !== a.projectPath) q.push(['projectB', b.projectPath])
  q.push(['a', a.traceId], ['b', b.traceId])
  const root = (side: 'A' | 'B', one: DiffLinkSide): void => {
    if (one.frameId !== undefined) q.push([`frame${side}`, one.frameId])
    else if (one.nodeId !== undefined) q.push([`node${side}`, String(one.nodeId)])
  }
  root('A', a)
  root('B', b)
  return `kolo-explorer://diff?${q.map(([k, v]) => `${k}=${formEncode(v)}`).join('&')}`
}

/** A query value as URLSearchParams writes it (shared/ has no URLSearchParams): spaces as "+". */
export function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
}
