import type {RequestInsight} from '../insights/trace-insights'
import {durationChange} from './alignment'
import type {AlignStats, NoiseThreshold} from './alignment'
import type {EventsDiff} from './events-diff'
import type {BeforeAfter, SqlDiff} from './sql-diff'

/** What the summary line is made of. */
export interface SummaryInput {
  traceA: {name: string; durationNs: number; requests: RequestInsight[]}
  traceB: {name: string; durationNs: number; requests: RequestInsight[]}
  sql: SqlDiff
  events: EventsDiff
  stats: AlignStats
  /** Matched calls whose arguments, return value, rows… differ. */
  valuesChanged: number
  noise: NoiseThreshold
}

/** The line at the top of a diff, and its parts. */
export interface DiffSummary {
  /** "POST /add/: 8 queries (was 5, +3), +12 ms, returns 302 (was 200), new N+1 at core/views.py:88" */
  line: string
  title: string
  /** The changes, in the line's order; empty when the traces match. */
  parts: string[]
  /** Whether anything but time differs. */
  differs: boolean
  durationNs: BeforeAfter<number>
  status: BeforeAfter<number | undefined>
}

/**
 * The one-line summary of a diff: queries, time, status, exceptions, N+1 patterns, then calls.
 *
 * Time is reported when it passes the noise threshold but never makes the traces differ: two
 * runs of the same code are never equally fast.
 */
export function diffSummary(input: SummaryInput): DiffSummary {
  const {traceA, traceB, sql, events, stats} = input
  const ra = traceA.requests[0]
  const rb = traceB.requests[0]
  const parts: string[] = []
  const title = titleOf(ra, rb, traceA.name, traceB.name)
  if (sql.count.a !== sql.count.b) {
    parts.push(
      `${plural(sql.count.b, 'query', 'queries')} (was ${sql.count.a}, ${signed(sql.count.b - sql.count.a)})`,
    )
  }
  const timed = parts.length
  const status = {a: ra?.status, b: rb?.status}
  if (status.a !== status.b) parts.push(`returns ${status.b ?? '—'} (was ${status.a ?? '—'})`)
  for (const e of events.exceptions.added) parts.push(`raises ${e.text}`)
  for (const e of events.exceptions.removed) parts.push(`no longer raises ${e.text}`)
  for (const e of events.exceptions.changed) parts.push(`raises ${e.b.text} (was ${e.a.text})`)
  for (const n of sql.nPlusOne.introduced) parts.push(`new N+1 at ${n.site}`)
  for (const n of sql.nPlusOne.fixed) parts.push(`N+1 fixed at ${n.site}`)
  for (const n of sql.nPlusOne.changed) {
    parts.push(`N+1 at ${n.b.site}: ${n.b.count} queries (was ${n.a.count})`)
  }
  const newQueries = sql.fingerprints.filter(f => f.status === 'new').length
  const goneQueries = sql.fingerprints.filter(f => f.status === 'gone').length
  if (newQueries) parts.push(`${plural(newQueries, 'new query shape', 'new query shapes')}`)
  if (goneQueries) parts.push(`${plural(goneQueries, 'query shape', 'query shapes')} gone`)
  if (sql.changedQueries.some(q => q.rows)) {
    const rows = sql.changedQueries.filter(q => q.rows).length
    parts.push(`${plural(rows, 'query returns', 'queries return')} other rows`)
  }
  const calls: string[] = []
  if (stats.insertedSubtrees) calls.push(`+${plural(stats.insertedSubtrees, 'call', 'calls')}`)
  if (stats.removedSubtrees) calls.push(`−${plural(stats.removedSubtrees, 'call', 'calls')}`)
  if (stats.moved) calls.push(`${stats.moved} moved`)
  parts.push(...calls)
  const changedCalls = Math.max(input.valuesChanged, 0)
  if (changedCalls) parts.push(`${plural(changedCalls, 'call', 'calls')} with other values`)
  for (const t of events.templates.added) parts.push(`renders ${t.text}`)
  for (const t of events.templates.removed) parts.push(`no longer renders ${t.text}`)
  if (events.logs.added.length) parts.push(`+${plural(events.logs.added.length, 'log', 'logs')}`)
  if (events.logs.removed.length) {
    parts.push(`−${plural(events.logs.removed.length, 'log', 'logs')}`)
  }
  if (events.outbound.added.length || events.outbound.removed.length) {
    parts.push(`outbound HTTP +${events.outbound.added.length} −${events.outbound.removed.length}`)
  }
  const differs = parts.length > 0 || stats.changed > 0
  if (differs && parts.length === 0) parts.push(`${plural(stats.changed, 'call', 'calls')} changed`)
  const durationNs = {a: traceA.durationNs, b: traceB.durationNs}
  if (durationChange(durationNs.a, durationNs.b, input.noise) !== 0) {
    parts.splice(timed, 0, signedMs(durationNs.b - durationNs.a))
  }
  const line = `${title}: ${parts.length ? parts.join(', ') : 'no changes'}`
  return {line, title, parts, differs, durationNs, status}
}

function titleOf(
  ra: RequestInsight | undefined,
  rb: RequestInsight | undefined,
  nameA: string,
  nameB: string,
): string {
  if (!ra || !rb) return nameA === nameB ? nameB : `${nameB} (was ${nameA})`
  const a = `${ra.method} ${ra.path}`
  const b = `${rb.method} ${rb.path}`
  return a === b ? b : `${b} (was ${a})`
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : `−${-n}`
}

/** A time change in ms: "+12 ms", "−0.4 ms". */
export function signedMs(ns: number): string {
  const ms = Math.abs(ns) / 1e6
  const text =
    ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1).replace(/\.0$/, '') : ms.toPrecision(2)
  return `${ns < 0 ? '−' : '+'}${text} ms`
}
