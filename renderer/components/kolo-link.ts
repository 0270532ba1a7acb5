/**
 * The deep link that selects one execution: `kolo-explorer://open?project=…&trace=…&frame=…`.
 *
 * The same text main/node/projects' formatLink writes (URLSearchParams encoding), so links copied
 * here open with `kolo-explorer open`, a double-click, or another window's `?link=`.
 */
export function formatKoloLink(projectPath: string, traceId?: string, frameId?: string): string {
  const q = new URLSearchParams({project: projectPath})
  if (traceId !== undefined) q.set('trace', traceId)
  if (frameId !== undefined) q.set('frame', frameId)
  return `kolo-explorer://open?${q.toString()}`
}
