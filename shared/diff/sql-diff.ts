import {sqlFingerprint} from '../insights/sql-fingerprint'
import type {NPlusOneFinding} from '../insights/sql-analysis'
import type {SqlInsights} from '../insights/trace-insights'
import type {AlignModel} from './align-keys'
import type {TraceAlignment} from './alignment'
import {nameAt} from './edit-list'

/** One trace's side of an SQL diff. */
export interface SqlSide {
  model: Pick<AlignModel, 'startNs' | 'endNs' | 'strings' | 'nameId'>
  sql: SqlInsights
  /** Rows returned per query node, where the details were read (sqlRowCount). */
  rows?: ReadonlyMap<number, number | undefined>
}

/** A pair of figures, before (A) and after (B). */
export interface BeforeAfter<T> {
  a: T
  b: T
}

/** The queries of one fingerprint in both traces. */
export interface SqlFingerprintDiff {
  fingerprint: string
  /** One query of it as run (in B when there is one), for display. */
  example: string
  status: 'new' | 'gone' | 'more' | 'fewer' | 'same'
  count: BeforeAfter<number>
  totalNs: BeforeAfter<number>
  /** Rows returned, summed over the queries whose rows are known. */
  rows: BeforeAfter<number | undefined>
  /** Node ids (at most 50 per side). */
  nodesA: number[]
  nodesB: number[]
}

/** An N+1 finding, named by where it happens. */
export interface NPlusOneRef {
  /** `file:line` of the call site issuing the queries. */
  site: string
  fingerprint: string
  count: number
  table?: string
  fix: string
  /** The first query of it, in its trace. */
  nodeId: number
}

/** A matched query whose text or rows changed. */
export interface SqlQueryChange {
  a: number
  b: number
  query: string
  queryBefore?: string
  rows?: BeforeAfter<number | undefined>
}

/** Everything that changed in a trace's SQL. */
export interface SqlDiff {
  count: BeforeAfter<number>
  totalNs: BeforeAfter<number>
  /** Every fingerprint, changed ones first (by the size of the change). */
  fingerprints: SqlFingerprintDiff[]
  nPlusOne: {
    introduced: NPlusOneRef[]
    fixed: NPlusOneRef[]
    changed: BeforeAfter<NPlusOneRef>[]
  }
  changedQueries: SqlQueryChange[]
  changedQueriesOmitted: number
}

const NODE_LIMIT = 50

/**
 * Compare two traces' queries: counts, time and rows per fingerprint (sqlFingerprint of the
 * template), N+1 patterns introduced, fixed or grown, and matched queries that changed.
 */
export function diffSql(a: SqlSide, b: SqlSide, alignment?: TraceAlignment, limit = 200): SqlDiff {
  const groups = new Map<string, SqlFingerprintDiff>()
  collect(a, 'a', groups)
  collect(b, 'b', groups)
  for (const g of groups.values()) {
    g.status =
      g.count.a === 0
        ? 'new'
        : g.count.b === 0
          ? 'gone'
          : g.count.b > g.count.a
            ? 'more'
            : g.count.b < g.count.a
              ? 'fewer'
              : 'same'
  }
  const weight = (g: SqlFingerprintDiff) =>
    Math.abs(g.count.b - g.count.a) + (g.rows.a !== g.rows.b ? 0.5 : 0)
  const fingerprints = [...groups.values()].sort(
    (x, y) => weight(y) - weight(x) || y.count.b - x.count.b,
  )
  const changes = alignment ? changedQueries(a, b, alignment) : []
  return {
    count: {a: a.sql.queries.length, b: b.sql.queries.length},
    totalNs: {a: sum(fingerprints, g => g.totalNs.a), b: sum(fingerprints, g => g.totalNs.b)},
    fingerprints,
    nPlusOne: diffNPlusOne(a.sql.analysis.nPlusOne, b.sql.analysis.nPlusOne),
    changedQueries: changes.slice(0, limit),
    changedQueriesOmitted: Math.max(0, changes.length - limit),
  }
}

function sum<T>(items: T[], of: (item: T) => number): number {
  return items.reduce((n, item) => n + of(item), 0)
}

function collect(side: SqlSide, key: 'a' | 'b', groups: Map<string, SqlFingerprintDiff>): void {
  const {model, sql, rows} = side
  const prints = sql.templates.map(t => sqlFingerprint(t))
  for (const q of sql.queries) {
    const fingerprint = prints[q.templateId] ?? ''
    let g = groups.get(fingerprint)
    if (!g) {
      g = {
        fingerprint,
        example: nameAt(model, q.nodeId),
        status: 'same',
        count: {a: 0, b: 0},
        totalNs: {a: 0, b: 0},
        rows: {a: undefined, b: undefined},
        nodesA: [],
        nodesB: [],
      }
      groups.set(fingerprint, g)
    }
    if (key === 'b' && g.nodesB.length === 0) g.example = nameAt(model, q.nodeId)
    g.count[key]++
    g.totalNs[key] += model.endNs[q.nodeId]! - model.startNs[q.nodeId]!
    const n = rows?.get(q.nodeId)
    if (n !== undefined) g.rows[key] = (g.rows[key] ?? 0) + n
    const nodes = key === 'a' ? g.nodesA : g.nodesB
    if (nodes.length < NODE_LIMIT) nodes.push(q.nodeId)
  }
}

function changedQueries(a: SqlSide, b: SqlSide, alignment: TraceAlignment): SqlQueryChange[] {
  const out: SqlQueryChange[] = []
  for (const q of a.sql.queries) {
    const y = alignment.aToB[q.nodeId] ?? -1
    if (y < 0) continue
    const query = nameAt(b.model, y)
    const before = nameAt(a.model, q.nodeId)
    const ra = a.rows?.get(q.nodeId)
    const rb = b.rows?.get(y)
    if (query === before && ra === rb) continue
    const change: SqlQueryChange = {a: q.nodeId, b: y, query}
    if (query !== before) change.queryBefore = before
    if (ra !== rb) change.rows = {a: ra, b: rb}
    out.push(change)
  }
  return out
}

/** `file:line` of an N+1 finding's call site. */
export function nPlusOneSite(finding: NPlusOneFinding): string {
  return `${finding.callSite.file ?? finding.callSite.name}:${finding.callSite.line}`
}

function refOf(finding: NPlusOneFinding): NPlusOneRef {
  const ref: NPlusOneRef = {
    site: nPlusOneSite(finding),
    fingerprint: sqlFingerprint(finding.template),
    count: finding.count,
    fix: finding.fix,
    nodeId: finding.nodeIds[0] ?? -1,
  }
  if (finding.table !== undefined) ref.table = finding.table
  return ref
}

function diffNPlusOne(a: NPlusOneFinding[], b: NPlusOneFinding[]): SqlDiff['nPlusOne'] {
  const key = (r: NPlusOneRef) => `${r.fingerprint}\u0000${r.site}`
  const before = new Map(a.map(f => [key(refOf(f)), refOf(f)]))
  const introduced: NPlusOneRef[] = []
  const changed: BeforeAfter<NPlusOneRef>[] = []
  const seen = new Set<string>()
  for (const f of b) {
    const ref = refOf(f)
    const k = key(ref)
    seen.add(k)
    const old = before.get(k)
    if (!old) introduced.push(ref)
    else if (old.count !== ref.count) changed.push({a: old, b: ref})
  }
  const fixed = [...before].filter(([k]) => !seen.has(k)).map(([, ref]) => ref)
  return {introduced, fixed, changed}
}
