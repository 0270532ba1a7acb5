import type {TraceInsights} from '../insights/trace-insights'
import type {TraceAlignment} from './alignment'
import type {BeforeAfter} from './sql-diff'

/** A template render, log or exception, named for a list. */
export interface EventRef {
  nodeId: number
  /** Template name, log message ("WARNING app: low stock"), exception message, "GET url". */
  text: string
}

/** Items of one kind added to B, gone from A, and matched ones whose text changed. */
export interface EventChanges {
  added: EventRef[]
  removed: EventRef[]
  changed: BeforeAfter<EventRef>[]
}

/** Inbound requests matched between the traces, and their status and time. */
export interface RequestPair {
  a: number
  b: number
  title: BeforeAfter<string>
  status: BeforeAfter<number | undefined>
  durationMs: BeforeAfter<number | undefined>
}

/** Templates, logs, exceptions, outbound calls and requests: added, removed, changed. */
export interface EventsDiff {
  templates: EventChanges
  logs: EventChanges
  exceptions: EventChanges
  outbound: EventChanges
  requests: EventChanges & {pairs: RequestPair[]}
}

/** Compare the insight lists of two traces through their alignment. */
export function diffEvents(
  a: TraceInsights,
  b: TraceInsights,
  alignment: TraceAlignment,
): EventsDiff {
  const requestText = (r: {method: string; path: string; status?: number}) =>
    `${r.status === undefined ? '' : `${r.status} `}${r.method} ${r.path}`
  const requests = changes(
    a.requests.map(r => ({nodeId: r.nodeId, text: requestText(r)})),
    b.requests.map(r => ({nodeId: r.nodeId, text: requestText(r)})),
    alignment,
  )
  const byNode = new Map(a.requests.map(r => [r.nodeId, r]))
  const pairs: RequestPair[] = []
  for (const rb of b.requests) {
    const ra = byNode.get(alignment.bToA[rb.nodeId] ?? -1)
    if (!ra) continue
    pairs.push({
      a: ra.nodeId,
      b: rb.nodeId,
      title: {a: `${ra.method} ${ra.path}`, b: `${rb.method} ${rb.path}`},
      status: {a: ra.status, b: rb.status},
      durationMs: {a: ra.durationMs, b: rb.durationMs},
    })
  }
  const log = (l: TraceInsights['logs'][number]) => ({
    nodeId: l.nodeId,
    text: `${l.level} ${l.logger}: ${l.message}`,
  })
  const outbound = (o: TraceInsights['outbound'][number]) => ({
    nodeId: o.nodeId,
    text: `${o.status === undefined ? '' : `${o.status} `}${o.method} ${o.url}`,
  })
  return {
    templates: changes(
      a.templates.map(t => ({nodeId: t.nodeId, text: t.name})),
      b.templates.map(t => ({nodeId: t.nodeId, text: t.name})),
      alignment,
    ),
    logs: changes(a.logs.map(log), b.logs.map(log), alignment),
    exceptions: changes(
      a.exceptions.map(e => ({nodeId: e.nodeId, text: e.message})),
      b.exceptions.map(e => ({nodeId: e.nodeId, text: e.message})),
      alignment,
    ),
    outbound: changes(a.outbound.map(outbound), b.outbound.map(outbound), alignment),
    requests: {...requests, pairs},
  }
}

function changes(a: EventRef[], b: EventRef[], alignment: TraceAlignment): EventChanges {
  const inB = new Map(b.map(e => [e.nodeId, e]))
  const matchedB = new Set<number>()
  const removed: EventRef[] = []
  const changed: BeforeAfter<EventRef>[] = []
  for (const ea of a) {
    const eb = inB.get(alignment.aToB[ea.nodeId] ?? -1)
    if (!eb) {
      removed.push(ea)
      continue
    }
    matchedB.add(eb.nodeId)
    if (ea.text !== eb.text) changed.push({a: ea, b: eb})
  }
  return {added: b.filter(e => !matchedB.has(e.nodeId)), removed, changed}
}
