import {fuzzyScore} from '../../../shared/project-index/fuzzy-score'
import type {
  PaletteGroup,
  PaletteItem,
  PaletteKind,
  PaletteResult,
} from '../../../shared/project-index/index-types'
import {SearchKind, searchRowid} from './index-schema'
import type {SearchKindId} from './index-schema'
import type {Statements} from './statements'

/** A palette query. */
export interface PaletteRequest {
  query: string
  /** Results per group (default 8, at most 50). */
  limit?: number
}

const groups: {kind: PaletteKind; code: SearchKindId; table?: string; column?: string}[] = [
  {kind: 'trace', code: SearchKind.trace, table: 'traces', column: 'name'},
  {kind: 'function', code: SearchKind.function, table: 'functions', column: 'qualname'},
  {kind: 'file', code: SearchKind.file, table: 'files', column: 'path'},
  {kind: 'sql', code: SearchKind.sql},
  {kind: 'exception', code: SearchKind.exception},
]

/** Candidates scored per group: bounds the work of a query that matches everything. */
const candidatesPerGroup = 400

interface Candidate {
  id: number
  text: string
  score: number
}

/**
 * Find anything: traces (name, path, status, endpoint), functions, files, SQL text and exception
 * messages, grouped, best first.
 *
 * Candidates come from the trigram FTS index (every query word of 3+ characters must occur), or,
 * for short or scattered queries (`bkavg`), from a subsequence LIKE scan of the names; then every
 * candidate is scored by fuzzyScore. An empty query lists the newest traces.
 */
export function paletteSearch(s: Statements, req: PaletteRequest): PaletteResult {
  const query = req.query.trim().slice(0, 200)
  const limit = Math.max(1, Math.min(50, Math.floor(req.limit ?? 8)))
  if (query === '') return {query, groups: newestTraces(s, limit)}
  const words = query.split(/\s+/)
  const long = words.filter(w => [...w].length >= 3)
  const match = long.map(w => `"${w.replace(/"/g, '""')}"`).join(' AND ')
  const out: PaletteGroup[] = []
  for (const g of groups) {
    let found: Candidate[] = []
    if (match !== '') found = ftsCandidates(s, g.code, match)
    if (found.length === 0 && g.table && g.column) {
      found = likeCandidates(s, g.table, g.column, query)
    }
    const scored = found
      .map(c => ({...c, score: fuzzyScore(query, c.text) ?? -Infinity}))
      .filter(c => c.score > -Infinity)
      .sort((a, b) => b.score - a.score)
    if (scored.length === 0) continue
    const items = resolve(s, g.kind, scored, limit)
    if (items.length > 0) out.push({kind: g.kind, items, more: scored.length > items.length})
  }
  return {query, groups: out}
}

function ftsCandidates(s: Statements, code: SearchKindId, match: string): Candidate[] {
  const rows = s
    .get(
      `SELECT rowid, text FROM search WHERE search MATCH ? AND rowid >= ? AND rowid < ?
      LIMIT ${candidatesPerGroup}`,
    )
    .all(match, searchRowid(code, 0), searchRowid((code + 1) as SearchKindId, 0)) as {
    rowid: number
    text: string
  }[]
  const base = searchRowid(code, 0)
  return rows.map(r => ({id: r.rowid - base, text: r.text, score: 0}))
}

// Letters in order with anything between: `bkavg` → LIKE '%b%k%a%v%g%' (case-insensitive ASCII).
function likeCandidates(s: Statements, table: string, column: string, query: string): Candidate[] {
  const letters = [...query.replace(/\s+/g, '')].map(c => c.replace(/[%_\\]/g, m => `\\${m}`))
  const pattern = `%${letters.join('%')}%`
  const key = table === 'traces' ? 'pk' : 'id'
  return (
    s
      .get(
        `SELECT ${key} AS id, ${column} AS text FROM ${table} WHERE ${column} LIKE ? ESCAPE '\\'
        LIMIT ${candidatesPerGroup}`,
      )
      .all(pattern) as {id: number; text: string}[]
  ).map(r => ({...r, score: 0}))
}

function newestTraces(s: Statements, limit: number): PaletteGroup[] {
  const rows = s
    .get(`SELECT pk AS id, name AS text FROM traces ORDER BY start_ms DESC LIMIT ?`)
    .all(limit + 1) as {id: number; text: string}[]
  if (rows.length === 0) return []
  const items = resolve(
    s,
    'trace',
    rows.map(r => ({...r, score: 0})),
    limit,
  )
  return [{kind: 'trace', items, more: rows.length > limit}]
}

/** Turn the best candidates into items: one row read each; exceptions de-duplicated by message. */
function resolve(
  s: Statements,
  kind: PaletteKind,
  scored: readonly Candidate[],
  limit: number,
): PaletteItem[] {
  const items: PaletteItem[] = []
  const seen = new Set<string>()
  for (const c of scored) {
    if (items.length >= limit) break
    const item = resolveOne(s, kind, c)
    if (!item) continue
    const key = `${item.label}\u0000${item.file ?? ''}`
    if (kind === 'exception' && seen.has(key)) continue
    seen.add(key)
    items.push(item)
  }
  return items
}

function resolveOne(s: Statements, kind: PaletteKind, c: Candidate): PaletteItem | undefined {
  const base = {kind, score: Math.round(c.score * 10) / 10}
  switch (kind) {
    case 'trace': {
      const t = s
        .get(
          'SELECT trace_id AS traceId, name, start_ms AS startMs, error FROM traces WHERE pk = ?',
        )
        .get(c.id) as {traceId: string; name: string; startMs: number; error: string | null}
      if (!t) return undefined
      const detail = t.error === null ? new Date(t.startMs).toISOString() : `failed: ${t.error}`
      return {...base, label: t.name, detail, traceId: t.traceId}
    }
    case 'function': {
      const f = s
        .get(
          `SELECT f.qualname, fl.path AS file, f.line,
            (SELECT count(*) FROM trace_functions x WHERE x.fn_id = f.id) AS traces
          FROM functions f LEFT JOIN files fl ON fl.id = f.file_id WHERE f.id = ?`,
        )
        .get(c.id) as {qualname: string; file: string | null; line: number; traces: number}
      if (!f) return undefined
      const item: PaletteItem = {...base, label: f.qualname, qualname: f.qualname}
      item.detail = `${f.file ?? '?'}:${f.line} · in ${plural(f.traces, 'trace')}`
      if (f.file) item.file = f.file
      if (f.line > 0) item.line = f.line
      return item
    }
    case 'file': {
      const path = s.get('SELECT path FROM files WHERE id = ?').pluck().get(c.id) as string
      return path === undefined ? undefined : {...base, label: path, file: path}
    }
    case 'sql': {
      const q = s
        .get(
          `SELECT f.text, t.trace_id AS traceId, x.first_node AS node,
            (SELECT count(*) FROM trace_sql y WHERE y.fp_id = f.id) AS traces
          FROM fingerprints f JOIN trace_sql x ON x.fp_id = f.id JOIN traces t ON t.pk = x.trace_pk
          WHERE f.id = ? ORDER BY t.start_ms DESC LIMIT 1`,
        )
        .get(c.id) as {text: string; traceId: string; node: number; traces: number} | undefined
      if (!q) return undefined
      const detail = `in ${plural(q.traces, 'trace')}`
      return {...base, label: q.text, detail, traceId: q.traceId, nodeId: q.node}
    }
    case 'exception': {
      const e = s
        .get(
          `SELECT e.message, e.node, fl.path AS file, e.line, t.trace_id AS traceId, t.name
          FROM exceptions e JOIN traces t ON t.pk = e.trace_pk
          LEFT JOIN files fl ON fl.id = e.file_id WHERE e.id = ?`,
        )
        .get(c.id) as ExceptionRow | undefined
      if (!e) return undefined
      const item: PaletteItem = {...base, label: e.message, nodeId: e.node, traceId: e.traceId}
      item.detail = e.name
      if (e.file !== null) item.file = e.file
      if (e.line !== null) item.line = e.line
      return item
    }
  }
}

interface ExceptionRow {
  message: string
  node: number
  file: string | null
  line: number | null
  traceId: string
  name: string
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
