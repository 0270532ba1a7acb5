import type Database from 'better-sqlite3'
import type {TraceStamp} from '../store'
import {callRowid, callsPerTraceLimit, ItemKindCode, SearchKind, searchRowid} from './index-schema'
import type {SearchKindId} from './index-schema'
import type {FunctionFact, TraceFacts} from './trace-facts'

const routeSourceCode = {pattern: 0, path: 1, job: 2} as const

/** The longest text a trace's search row holds. */
const searchTextChars = 600

/**
 * Writes traces into an index: one transaction per trace, so a reader (another connection, a
 * query between two traces) never sees half of one. Names shared across traces (files,
 * functions, fingerprints, templates) are interned, with an in-memory cache of their ids that is
 * bounded by the project's distinct names and dropped whenever garbage is collected.
 */
export class IndexWriter {
  private readonly fileIds = new Map<string, number>()
  private readonly fnIds = new Map<string, number>()
  private readonly fpIds = new Map<string, number>()
  private readonly tplIds = new Map<string, number>()
  private readonly s

  constructor(private readonly db: Database.Database) {
    db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', '0')`).run()
    const p = (sql: string) => db.prepare(sql)
    this.s = {
      tracePk: p('SELECT pk FROM traces WHERE trace_id = ?').pluck(),
      stamps: p('SELECT trace_id AS id, change_key AS changeKey FROM traces'),
      insertTrace: p(`INSERT INTO traces (trace_id, change_key, created_ms, name, kind, start_ms,
        end_ms, thread, node_count, query_count, recovered, error)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertItem: p(`INSERT INTO items (trace_pk, node, kind, nested, start_ms, end_ms, label,
        method, path, endpoint, route, route_source, status, duration_ms, query_count, n1_count,
        error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      fileId: p('SELECT id FROM files WHERE path = ?').pluck(),
      insertFile: p('INSERT INTO files (path) VALUES (?)'),
      fnId: p('SELECT id FROM functions WHERE qualname = ? AND file_id = ?').pluck(),
      insertFn: p(`INSERT INTO functions (qualname, file_id, line, end_line, library)
        VALUES (?, ?, ?, ?, ?)`),
      widenFn: p('UPDATE functions SET end_line = ? WHERE id = ? AND end_line < ?'),
      fpId: p('SELECT id FROM fingerprints WHERE text = ?').pluck(),
      insertFp: p('INSERT INTO fingerprints (text) VALUES (?)'),
      tplId: p('SELECT id FROM templates WHERE name = ?').pluck(),
      insertTpl: p('INSERT INTO templates (name) VALUES (?)'),
      insertTraceFn: p(`INSERT OR REPLACE INTO trace_functions (fn_id, trace_pk, calls, self_ns,
        total_ns) VALUES (?, ?, ?, ?, ?)`),
      insertCall: p(`INSERT INTO calls (id, fn_id, trace_pk, start_ms, node, frame_id,
        duration_ns, args, ret, exc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      deleteCalls: p('DELETE FROM calls WHERE id >= ? AND id < ?'),
      insertSql: p(`INSERT OR REPLACE INTO trace_sql (fp_id, trace_pk, count, total_ns, rows,
        first_node) VALUES (?, ?, ?, ?, ?, ?)`),
      insertSite: p(`INSERT OR REPLACE INTO sql_sites (trace_pk, fp_id, file_id, line, count)
        VALUES (?, ?, ?, ?, ?)`),
      insertN1: p(`INSERT OR REPLACE INTO n_plus_one (trace_pk, item_node, fp_id, file_id, line,
        count, total_ns, fix) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      insertTpl2: p(`INSERT OR REPLACE INTO trace_templates (tpl_id, trace_pk, count, total_ns)
        VALUES (?, ?, ?, ?)`),
      insertHost: p('INSERT OR REPLACE INTO trace_hosts (trace_pk, host, count) VALUES (?, ?, ?)'),
      insertExc: p(`INSERT INTO exceptions (trace_pk, node, origin_node, type, message, file_id,
        line) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertLine: p('INSERT OR IGNORE INTO trace_lines (file_id, line, trace_pk) VALUES (?, ?, ?)'),
      insertSearch: p('INSERT INTO search (rowid, text) VALUES (?, ?)'),
      deleteSearch: p('DELETE FROM search WHERE rowid = ?'),
      excIds: p('SELECT id FROM exceptions WHERE trace_pk = ?').pluck(),
      perTrace: [
        'items',
        'trace_functions',
        'trace_sql',
        'sql_sites',
        'n_plus_one',
        'trace_templates',
        'trace_hosts',
        'exceptions',
        'trace_lines',
      ].map(table => p(`DELETE FROM ${table} WHERE trace_pk = ?`)),
      deleteTrace: p('DELETE FROM traces WHERE pk = ?'),
      // Every write moves the generation on: what was computed from an older one is stale.
      bump: p(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'`),
    }
  }

  /** trace id → change key of every trace in the index (failed ones included). */
  indexedStamps(): Map<string, string> {
    const rows = this.s.stamps.all() as {id: string; changeKey: string}[]
    return new Map(rows.map(r => [r.id, r.changeKey]))
  }

  /** Replace one trace's rows with these facts, in one transaction (a new generation). */
  putTrace(stamp: TraceStamp, facts: TraceFacts): void {
    this.db.transaction(() => {
      this.s.bump.run()
      this.removeRows(stamp.id)
      const pk = this.insertTraceRow(stamp, facts, undefined)
      this.insertFacts(pk, facts)
      this.search(SearchKind.trace, pk, traceSearchText(stamp.id, facts))
    })()
  }

  /** Record a trace that could not be decoded: listed with its error, no other rows. */
  putFailure(stamp: TraceStamp, error: string): void {
    this.db.transaction(() => {
      this.s.bump.run()
      this.removeRows(stamp.id)
      const t = stamp.createdAtMs
      const facts = {name: stamp.id, kind: 'script', startMs: t, endMs: t} as const
      const pk = this.insertTraceRow(stamp, facts, error)
      this.search(SearchKind.trace, pk, stamp.id)
    })()
  }

  /** Remove traces (gone from the store), in one transaction. */
  removeTraces(ids: readonly string[]): void {
    if (ids.length === 0) return
    this.db.transaction(() => {
      this.s.bump.run()
      for (const id of ids) this.removeRows(id)
    })()
  }

  /**
   * Delete names no trace refers to any more (and their search rows): after traces were removed
   * or re-indexed. Each step is one indexed anti-join.
   */
  collectGarbage(): void {
    const sweep = (kind: SearchKindId | undefined, select: string, table: string) => {
      const ids = this.db.prepare(select).pluck().all() as number[]
      const del = this.db.prepare(`DELETE FROM ${table} WHERE id = ?`)
      for (const id of ids) {
        del.run(id)
        if (kind !== undefined) this.s.deleteSearch.run(searchRowid(kind, id))
      }
    }
    this.db.transaction(() => {
      sweep(
        SearchKind.function,
        `SELECT id FROM functions f WHERE NOT EXISTS
          (SELECT 1 FROM trace_functions t WHERE t.fn_id = f.id)`,
        'functions',
      )
      sweep(
        SearchKind.sql,
        `SELECT id FROM fingerprints f WHERE NOT EXISTS
          (SELECT 1 FROM trace_sql t WHERE t.fp_id = f.id)`,
        'fingerprints',
      )
      sweep(
        undefined,
        `SELECT id FROM templates f WHERE NOT EXISTS
          (SELECT 1 FROM trace_templates t WHERE t.tpl_id = f.id)`,
        'templates',
      )
      sweep(
        SearchKind.file,
        `SELECT id FROM files f WHERE NOT EXISTS (SELECT 1 FROM functions x WHERE x.file_id = f.id)
          AND NOT EXISTS (SELECT 1 FROM trace_lines l WHERE l.file_id = f.id)`,
        'files',
      )
    })()
    for (const cache of [this.fileIds, this.fnIds, this.fpIds, this.tplIds]) cache.clear()
  }

  private insertTraceRow(
    stamp: TraceStamp,
    facts: Pick<TraceFacts, 'name' | 'kind' | 'startMs' | 'endMs'> & Partial<TraceFacts>,
    error: string | undefined,
  ): number {
    const info = this.s.insertTrace.run(
      stamp.id,
      stamp.changeKey,
      stamp.createdAtMs,
      facts.name,
      ItemKindCode[facts.kind],
      facts.startMs,
      facts.endMs,
      facts.thread ?? null,
      facts.nodeCount ?? 0,
      facts.queryCount ?? 0,
      facts.recovered ? 1 : 0,
      error ?? null,
    )
    return Number(info.lastInsertRowid)
  }

  private insertFacts(pk: number, facts: TraceFacts): void {
    const s = this.s
    for (const i of facts.items) {
      s.insertItem.run(
        pk,
        i.node,
        ItemKindCode[i.kind],
        i.nested ? 1 : 0,
        i.startMs,
        i.endMs,
        i.label,
        i.method ?? null,
        i.path ?? null,
        i.endpoint ?? null,
        i.route ?? null,
        i.routeSource === undefined ? null : routeSourceCode[i.routeSource],
        i.status ?? null,
        i.durationMs,
        i.queryCount,
        i.nPlusOneCount,
        i.error ? 1 : 0,
      )
    }
    const fnIds = facts.functions.map(f => {
      const id = this.functionId(f, this.fileId(f.file))
      s.widenFn.run(f.endLine, id, f.endLine)
      s.insertTraceFn.run(id, pk, f.calls, Math.round(f.selfNs), Math.round(f.totalNs))
      return id
    })
    // Kept calls are bounded by IndexCaps; the id range of a trace bounds them once more.
    for (const [n, c] of facts.calls.slice(0, callsPerTraceLimit).entries()) {
      s.insertCall.run(
        callRowid(pk, n),
        fnIds[c.fn],
        pk,
        c.startMs,
        c.node,
        c.frameId ?? null,
        Math.round(c.durationNs),
        c.args ?? null,
        c.returnValue ?? null,
        c.exception ?? null,
      )
    }
    for (const q of facts.sql) {
      const fp = this.fingerprintId(q.fingerprint)
      s.insertSql.run(fp, pk, q.count, Math.round(q.totalNs), q.rows ?? null, q.firstNode)
      for (const site of q.sites) {
        s.insertSite.run(pk, fp, this.fileId(site.file), site.line, site.count)
      }
    }
    for (const n of facts.nPlusOne) {
      const fp = this.fingerprintId(n.fingerprint)
      const ns = Math.round(n.totalNs)
      s.insertN1.run(pk, n.itemNode, fp, this.fileId(n.file), n.line, n.count, ns, n.fix)
    }
    for (const t of facts.templates) {
      s.insertTpl2.run(this.templateId(t.name), pk, t.count, Math.round(t.totalNs))
    }
    for (const h of facts.hosts) s.insertHost.run(pk, h.host, h.count)
    for (const e of facts.exceptions) {
      const file = e.file === undefined ? null : this.fileId(e.file)
      const info = s.insertExc.run(
        pk,
        e.node,
        e.originNode,
        e.type,
        e.message,
        file,
        e.line ?? null,
      )
      this.search(SearchKind.exception, Number(info.lastInsertRowid), e.message)
    }
    for (const l of facts.lines) s.insertLine.run(this.fileId(l.file), l.line, pk)
  }

  private removeRows(traceId: string): void {
    const pk = this.s.tracePk.get(traceId) as number | undefined
    if (pk === undefined) return
    for (const id of this.s.excIds.all(pk) as number[]) {
      this.s.deleteSearch.run(searchRowid(SearchKind.exception, id))
    }
    this.s.deleteSearch.run(searchRowid(SearchKind.trace, pk))
    for (const del of this.s.perTrace) del.run(pk)
    this.s.deleteCalls.run(callRowid(pk, 0), callRowid(pk + 1, 0))
    this.s.deleteTrace.run(pk)
  }

  private search(kind: SearchKindId, id: number, text: string): void {
    this.s.insertSearch.run(searchRowid(kind, id), text)
  }

  private fileId(file: string): number {
    return this.intern(this.fileIds, file, this.s.fileId, [file], () => {
      const id = Number(this.s.insertFile.run(file).lastInsertRowid)
      if (file !== '') this.search(SearchKind.file, id, file)
      return id
    })
  }

  private functionId(f: FunctionFact, fileId: number): number {
    const key = `${fileId}\u0000${f.qualname}`
    return this.intern(this.fnIds, key, this.s.fnId, [f.qualname, fileId], () => {
      const library = f.library ? 1 : 0
      const info = this.s.insertFn.run(f.qualname, fileId, f.line, f.endLine, library)
      const id = Number(info.lastInsertRowid)
      this.search(SearchKind.function, id, f.qualname)
      return id
    })
  }

  private fingerprintId(text: string): number {
    return this.intern(this.fpIds, text, this.s.fpId, [text], () => {
      const id = Number(this.s.insertFp.run(text).lastInsertRowid)
      this.search(SearchKind.sql, id, text)
      return id
    })
  }

  private templateId(name: string): number {
    return this.intern(this.tplIds, name, this.s.tplId, [name], () =>
      Number(this.s.insertTpl.run(name).lastInsertRowid),
    )
  }

  private intern(
    cache: Map<string, number>,
    key: string,
    find: Database.Statement,
    args: unknown[],
    insert: () => number,
  ): number {
    let id = cache.get(key)
    if (id !== undefined) return id
    id = (find.get(...args) as number | undefined) ?? insert()
    cache.set(key, id)
    return id
  }
}

/** A trace's search text: its name and id, and its items' labels and endpoints. */
function traceSearchText(traceId: string, facts: TraceFacts): string {
  const parts = new Set([facts.name])
  for (const item of facts.items) {
    parts.add(item.label)
    if (item.endpoint) parts.add(item.endpoint)
    if (item.status !== undefined) parts.add(String(item.status))
  }
  parts.add(traceId)
  return [...parts].join(' ').slice(0, searchTextChars)
}
