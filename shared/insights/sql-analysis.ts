import {NodeFlag, NodeKind} from '../model/node-kind'
import type {TraceModel} from '../model/trace-model'

/** What the analysis needs to know of one SQL query, beyond the tree. */
export interface SqlQueryFacts {
  nodeId: number
  query: string
  /** Kolo's query_template (`%s` placeholders); undefined for raw SQL Kolo could not template. */
  template?: string
  /** A stable text of the parameters, to spot exact duplicates. */
  paramsKey: string
  /** The user-code frame that issued the query (Kolo's user_code_call_site), when it is in the tree. */
  callSiteNodeId?: number
  callSiteLine?: number
}

/** Queries that share a template. */
export interface SqlGroup {
  template: string
  nodeIds: number[]
  totalNs: number
}

/** The same query with the same parameters, run more than once. */
export interface SqlDuplicate {
  query: string
  paramsKey: string
  nodeIds: number[]
  totalNs: number
}

/** An N+1 pattern: one template issued ≥ 3 times from one call site, inside a user-code loop. */
export interface NPlusOneFinding {
  template: string
  count: number
  totalNs: number
  nodeIds: number[]
  /** Where the queries are issued: the call-site frame and line. */
  callSite: {nodeId: number; file?: string; line: number; name: string}
  /** The user-code frame and line that repeats the work (the loop). */
  loop?: {nodeId: number; file?: string; line: number; name: string}
  /** The table the repeated query reads, and how to fetch it up front. */
  table?: string
  /** The query the loop likely iterates (it ran just before, around the loop), and where. */
  iterated?: {nodeId: number; table?: string; site: string}
  fix: string
}

/** Everything the SQL panel summarises about a trace. */
export interface SqlAnalysis {
  queryCount: number
  totalNs: number
  groups: SqlGroup[]
  duplicates: SqlDuplicate[]
  duplicateCount: number
  nPlusOne: NPlusOneFinding[]
}

/** Minimum repetitions from one call site that make an N+1 finding. */
export const nPlusOneThreshold = 3

/**
 * Groups, exact duplicates and N+1 findings of a trace's queries.
 *
 * Groups key on the template (the query itself when there is none). A finding needs the same
 * template from the same call site (frame node + line is one site only within one call; across
 * calls of the same function, file + line) at least `nPlusOneThreshold` times.
 */
export function analyseSql(model: TraceModel, queries: SqlQueryFacts[]): SqlAnalysis {
  const duration = (id: number) => model.endNs[id]! - model.startNs[id]!
  const groups = new Map<string, SqlGroup>()
  const dupes = new Map<string, SqlDuplicate>()
  let totalNs = 0
  for (const q of queries) {
    const ns = duration(q.nodeId)
    totalNs += ns
    const template = q.template ?? q.query
    const group = groups.get(template) ?? {template, nodeIds: [], totalNs: 0}
    group.nodeIds.push(q.nodeId)
    group.totalNs += ns
    groups.set(template, group)
    const key = q.query + '\u0000' + q.paramsKey
    const dupe = dupes.get(key) ?? {query: q.query, paramsKey: q.paramsKey, nodeIds: [], totalNs: 0}
    dupe.nodeIds.push(q.nodeId)
    dupe.totalNs += ns
    dupes.set(key, dupe)
  }
  const duplicates = [...dupes.values()].filter(d => d.nodeIds.length > 1)
  return {
    queryCount: queries.length,
    totalNs,
    groups: [...groups.values()].sort(
      (a, b) => b.nodeIds.length - a.nodeIds.length || b.totalNs - a.totalNs,
    ),
    duplicates: duplicates.sort((a, b) => b.nodeIds.length - a.nodeIds.length),
    duplicateCount: duplicates.reduce((n, d) => n + d.nodeIds.length - 1, 0),
    nPlusOne: findNPlusOne(model, queries),
  }
}

function findNPlusOne(model: TraceModel, queries: SqlQueryFacts[]): NPlusOneFinding[] {
  const bySite = new Map<string, SqlQueryFacts[]>()
  for (const q of queries) {
    if (q.callSiteNodeId === undefined || q.callSiteLine === undefined) continue
    const file = fileAt(model, q.callSiteNodeId) ?? `#${q.callSiteNodeId}`
    const key = `${q.template ?? q.query}\u0000${file}:${q.callSiteLine}`
    const list = bySite.get(key) ?? []
    list.push(q)
    bySite.set(key, list)
  }
  const findings: NPlusOneFinding[] = []
  // Queries of any repeated pattern: never the one a loop iterates.
  const repeated = new Set<number>()
  for (const list of bySite.values()) {
    if (list.length >= nPlusOneThreshold) for (const q of list) repeated.add(q.nodeId)
  }
  for (const list of bySite.values()) {
    if (list.length < nPlusOneThreshold) continue
    const first = list[0]!
    const siteNode = first.callSiteNodeId!
    const template = first.template ?? first.query
    const loop = findLoop(model, list)
    const table = firstTable(template)
    const iterated = loop ? iteratedQuery(model, queries, loop, first.nodeId, repeated) : undefined
    const source =
      iterated?.table !== undefined
        ? `the ${iterated.table} queryset run at ${iterated.site}`
        : undefined
    findings.push({
      template,
      count: list.length,
      totalNs: list.reduce((n, q) => n + model.endNs[q.nodeId]! - model.startNs[q.nodeId]!, 0),
      nodeIds: list.map(q => q.nodeId),
      callSite: site(model, siteNode, first.callSiteLine!),
      loop,
      table,
      ...(iterated ? {iterated} : {}),
      fix: suggestFix(template, table, source),
    })
  }
  return findings.sort((a, b) => b.count - a.count)
}

function site(model: TraceModel, nodeId: number, line: number) {
  return {
    nodeId,
    file: fileAt(model, nodeId),
    line,
    name: model.strings[model.nameId[nodeId]!] ?? '',
  }
}

function fileAt(model: TraceModel, nodeId: number): string | undefined {
  const id = model.fileId[nodeId]!
  return id < 0 ? undefined : model.strings[id]
}

/**
 * The user-code frame that repeats the queries, and the line where it does.
 *
 * Walk up from each query to the deepest frame that is an ancestor of all of them (their lowest
 * common ancestor among frames). If the queries hang off that frame directly (one call site in a
 * loop, like a list comprehension), the loop line is their shared call-site line; otherwise it is
 * the line at which that frame called the child that leads to each query (the repeated call).
 */
function findLoop(model: TraceModel, list: SqlQueryFacts[]): NPlusOneFinding['loop'] {
  const chains = list.map(q => userFrameChain(model, q.callSiteNodeId!))
  let common = -1
  for (let level = 0; ; level++) {
    const id = chains[0]![level]
    if (id === undefined || chains.some(c => c[level] !== id)) break
    common = level
  }
  if (common < 0) return undefined
  const loopNode = chains[0]![common]!
  const next = chains[0]![common + 1]
  if (next === undefined) return site(model, loopNode, list[0]!.callSiteLine!)
  return site(model, loopNode, model.callLine[next]! || model.line[loopNode]!)
}

/** User-code frames from the root down to `nodeId` (library frames skipped), node ids. */
function userFrameChain(model: TraceModel, nodeId: number): number[] {
  const chain: number[] = []
  for (let id = nodeId; id >= 0; id = model.parent[id]!) {
    if (model.kind[id] === NodeKind.frame && !(model.flags[id]! & NodeFlag.library)) chain.push(id)
  }
  return chain.reverse()
}

/**
 * The query whose rows the loop walks: the last query issued before the repeated ones from the
 * loop's frame or a frame around it (Django runs a queryset when the loop first asks for a row),
 * other than the queries of any repeated pattern.
 */
function iteratedQuery(
  model: TraceModel,
  queries: SqlQueryFacts[],
  loop: NonNullable<NPlusOneFinding['loop']>,
  firstNodeId: number,
  repeated: ReadonlySet<number>,
): NPlusOneFinding['iterated'] {
  const around = new Set<number>()
  for (let id = loop.nodeId; id >= 0; id = model.parent[id]!) around.add(id)
  let found: SqlQueryFacts | undefined
  for (const q of queries) {
    if (q.nodeId >= firstNodeId) break
    if (q.callSiteNodeId === undefined || q.callSiteLine === undefined) continue
    if (!repeated.has(q.nodeId) && around.has(q.callSiteNodeId)) found = q
  }
  if (!found) return undefined
  const iterated: NonNullable<NPlusOneFinding['iterated']> = {
    nodeId: found.nodeId,
    site: `${fileAt(model, found.callSiteNodeId!) ?? '?'}:${found.callSiteLine!}`,
  }
  const table = firstTable(found.template ?? found.query)
  if (table !== undefined) iterated.table = table
  return iterated
}

/** The first table a query reads: FROM "app_table". */
export function firstTable(sql: string): string | undefined {
  const match = /\bFROM\s+[`"[]?([\w.]+)[`"\]]?/i.exec(sql)
  return match?.[1]
}

/**
 * The likely fix for a repeated query, from its shape.
 *
 * `WHERE "t"."id" = %s` (one row by primary key) is a forward foreign-key access: select_related.
 * `WHERE "t"."x_id" = %s` or `IN (...)` on a foreign key is a reverse or many-to-many access:
 * prefetch_related. Anything else: fetch the rows once, before the loop.
 */
export function suggestFix(template: string, table?: string, source?: string): string {
  const on = source ?? 'the queryset the loop iterates'
  const where = /\bWHERE\s+(.*)$/is.exec(template)?.[1] ?? ''
  const name = table?.replace(/^\w+?_/, '') ?? 'the related object'
  if (/["`]?\w+["`]?\.["`]?id["`]?\s*=\s*%s/i.test(where) && !/_id["`]?\s*=/i.test(where)) {
    return `Fetch ${name} with the rows it belongs to: select_related("${name}") on ${on}.`
  }
  const fk = /["`]?(\w+)_id["`]?\s*(=|IN)\s*/i.exec(where)
  if (fk) {
    return `Fetch the ${name} rows for all ${fk[1]}s at once: prefetch_related() the related manager (e.g. "${name}s" or its related_name) on ${on}.`
  }
  return 'The same query runs once per loop iteration: fetch the rows once before the loop.'
}
