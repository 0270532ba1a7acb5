import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {NodeFlag, NodeKind, nodeKindNames} from '../../../shared/model/node-kind'
import {fileOf, nameOf} from '../../../shared/model/trace-model'
import type {TraceModel} from '../../../shared/model/trace-model'
import {decodeTraceBody} from '../decode/decode-trace-body'
import {FIXTURES, storeBodies} from '../testing/fixtures'
import type {DecodedTrace} from '../decode/decoded-trace'
import {buildTraceModel} from './build-trace'
import type {BuiltTrace} from './build-trace'
import {nodeDetails} from './node-details'
import {summarizeTrace} from '../summary/summarize'

// Fixture dbs are read into memory by storeBodies: opening them in place could create -wal/-shm.
const FIX = FIXTURES
const BOOKSHELF = `${FIX}/bookshelf/app/.kolo/db.sqlite3`
const DEEP = `${FIX}/bookshelf-deep/.kolo/db.sqlite3`
const V3_RAW = `${FIX}/bookshelf-v3/.kolo/.internal/raw`
const IMPORT_500 = 'trc_01M8AECT3RY7QP78H3Z53GFN0Y'
const REVIEW_400 = 'trc_01M8AECS69RS1M5K1NQBMZB98T'
const TESTS = ['trc_01M8AECWCN4F3RJS5DYPA6WFSZ', 'trc_01M8AECWD7FXEP7N91TPXMEQMB']

const decode = (bytes: Uint8Array, source: string): DecodedTrace => decodeTraceBody(bytes, {source})
const bookshelf = storeBodies(BOOKSHELF)
const decodedOf = (id: string) => decode(bookshelf.get(id)!, `${BOOKSHELF}#${id}`)
const built = new Map<string, BuiltTrace>(
  [...bookshelf.keys()].map(id => [id, buildTraceModel(decodedOf(id))]),
)

// Kolo record type → the node kind it ends up in.
const kindOfType: Record<string, number> = {
  frame: NodeKind.frame,
  django_request: NodeKind.request,
  django_response: NodeKind.request,
  start_sql_query: NodeKind.sql,
  end_sql_query: NodeKind.sql,
  outbound_http_request: NodeKind.outbound,
  outbound_http_response: NodeKind.outbound,
  django_template_start: NodeKind.template,
  django_template_end: NodeKind.template,
  log_message: NodeKind.log,
  exception: NodeKind.exception,
  start_test: NodeKind.test,
  end_test: NodeKind.test,
}

function kindsIn(model: TraceModel): Set<number> {
  return new Set(model.kind)
}

function find(model: TraceModel, kind: number, pred: (i: number) => boolean = () => true): number {
  for (let i = 0; i < model.nodeCount; i++) if (model.kind[i] === kind && pred(i)) return i
  return -1
}

describe('bookshelf (Kolo 2.40 store)', () => {
  it('builds all 15 traces cleanly, and every record type appears in the model', () => {
    expect(built.size).toBe(15)
    for (const [id, b] of built) {
      const records = b.records
      const types = new Set<string>()
      for (let i = 0; i < records.length; i++) types.add(String(records.get(i, 'type')))
      const kinds = kindsIn(b.model)
      for (const type of types) {
        expect(kindOfType[type], `${id}: ${type}`).toBeDefined()
        expect(kinds.has(kindOfType[type]!), `${id}: ${type}`).toBe(true)
      }
      expect(b.model.meta.warnings, id).toEqual([])
      for (let i = 0; i < b.model.nodeCount; i++) {
        expect(b.model.flags[i]! & NodeFlag.unfinished, `${id} node ${i}`).toBe(0)
        expect(b.closeRecord[i], `${id} node ${i}`).toBeGreaterThanOrEqual(0)
      }
      // Every record opens or closes a node, but for nested <module> frames (Kolo removes them).
      const used = new Set([...b.openRecord, ...b.closeRecord])
      for (let i = 0; i < records.length; i++) {
        if (!used.has(i)) expect(records.get(i, 'co_name'), `${id} record ${i}`).toBe('<module>')
      }
    }
  })

  it('500 POST /import/: exception leaf, exception path, urllib outbound with its 404', () => {
    const b = built.get(IMPORT_500)!
    const m = b.model
    expect(m.meta.name).toBe('500 POST /import/')
    const request = find(m, NodeKind.request)
    expect(m.flags[request]! & NodeFlag.error).toBeTruthy()
    const exception = find(m, NodeKind.exception)
    expect(nameOf(m, exception)).toBe('urllib.error.HTTPError: HTTP Error 404: Not Found')
    expect(m.parent[exception]).toBe(request)
    expect([fileOf(m, exception), m.line[exception]]).toEqual(['shelf/services.py', 15])
    const path = [...Array(m.nodeCount).keys()].filter(i => m.flags[i]! & NodeFlag.exceptionPath)
    expect(path.map(i => nameOf(m, i))).toEqual([
      'shelf.views.import_isbn',
      'shelf.services.import_book',
      'shelf.services.fetch_isbn',
    ])
    const origin = find(m, NodeKind.frame, i => (m.flags[i]! & NodeFlag.exceptionOrigin) !== 0)
    expect(nameOf(m, origin)).toBe('shelf.services.fetch_isbn')
    const outbound = find(m, NodeKind.outbound)
    expect(m.parent[outbound]).toBe(origin)
    expect(nameOf(m, outbound)).toBe('GET http://127.0.0.1:18767/isbn/0000000000000')
    const out = nodeDetails(b, outbound)
    expect(out.kind === 'outbound' && [out.library, out.response?.status]).toEqual(['urllib', 404])
    expect(out.file).toBe('shelf/services.py')
    expect(out.line).toBe(15)
    const ex = nodeDetails(b, exception)
    if (ex.kind !== 'exception') throw new Error('kind')
    expect(ex.originNodeId).toBe(origin)
    expect(ex.frames.map(f => [f.path, f.line, f.nodeId])).toEqual([
      ['shelf/views.py', 44, path[0]],
      ['shelf/services.py', 20, path[1]],
      ['shelf/services.py', 15, path[2]],
    ])
    const fetch = nodeDetails(b, origin)
    expect(fetch.kind === 'frame' && fetch.exceptionMessage).toBe(
      'urllib.error.HTTPError: HTTP Error 404: Not Found',
    )
    expect(fetch.callSite?.nodeId).toBe(path[1])
  })

  it('400 review: a WARNING log with its details', () => {
    const b = built.get(REVIEW_400)!
    const log = find(b.model, NodeKind.log)
    expect(b.model.flags[log]! & NodeFlag.warning).toBeTruthy()
    expect(nameOf(b.model, log)).toBe('rejected review for book %s')
    const d = nodeDetails(b, log)
    expect(d.kind === 'log' && [d.level, d.logger, d.args]).toEqual([
      'WARNING',
      'shelf.views',
      {t: 'tuple', items: [{t: 'int', v: '2'}]},
    ])
    expect([d.file, d.line]).toEqual(['shelf/views.py', 29])
    const request = find(b.model, NodeKind.request)
    expect(b.model.flags[request]! & NodeFlag.warning).toBeTruthy()
  })

  it('test traces are named by their start_test records', () => {
    const names = TESTS.map(id => built.get(id)!.model.meta.name)
    expect(names).toEqual(['BookListTests.test_api_pages', 'BookListTests.test_lists_books'])
    const summaries = TESTS.map(id => summarizeTrace(decodedOf(id)))
    expect(summaries.map(s => [s.name, s.kind])).toEqual([
      ['BookListTests.test_api_pages', 'test'],
      ['BookListTests.test_lists_books', 'test'],
    ])
    const m = built.get(TESTS[1]!)!.model
    expect(nameOf(m, 0)).toBe('test_lists_books')
    expect(m.size[0]).toBe(m.nodeCount)
  })

  it('summarises request traces from scalars', () => {
    const s = summarizeTrace(decodedOf(IMPORT_500))
    expect(s).toMatchObject({
      name: '500 POST /import/',
      method: 'POST',
      path: '/import/',
      status: 500,
    })
    expect(s).toMatchObject({kind: 'request', recordCount: 13, queryCount: 0})
    expect(s.durationMs).toBeCloseTo(94.91, 2)
    const list = summarizeTrace(decodedOf('trc_01M8AECR889F4M33DWTT69S3XG'))
    expect(list).toMatchObject({name: '200 GET /', queryCount: 7, recordCount: 36})
  })

  it('answers nodeDetails for every node of every trace', () => {
    for (const [id, b] of built) {
      for (let i = 0; i < b.model.nodeCount; i++) {
        const d = nodeDetails(b, i)
        expect(d.kind, `${id} ${i}`).toBe(nodeKindNames[b.model.kind[i]!])
        expect(JSON.parse(JSON.stringify(d))).toEqual(d)
      }
    }
  })

  it('gives frames their args, locals, return value and lines', () => {
    const b = built.get(REVIEW_400)!
    const frame = find(b.model, NodeKind.frame)
    const d = nodeDetails(b, frame)
    if (d.kind !== 'frame') throw new Error('kind')
    expect([d.qualname, d.coName, d.file, d.line, d.returnLine]).toEqual([
      'shelf.views.add_review',
      'add_review',
      'shelf/views.py',
      24,
      30,
    ])
    expect(d.args?.t === 'dict' && d.args.entries.map(([k]) => k)).toEqual([
      {t: 'str', v: 'request'},
      {t: 'str', v: 'book_id'},
    ])
    // Return-time locals without the unchanged arguments.
    expect(d.locals?.t === 'dict' && d.locals.entries.map(([k]) => k)).toEqual([
      {t: 'str', v: 'book'},
    ])
    expect(d.returnValue?.t).toBe('repr')
    const sql = nodeDetails(b, find(b.model, NodeKind.sql))
    expect(sql.kind === 'sql' && [sql.database, sql.params?.t, sql.data?.t]).toEqual([
      'sqlite',
      'tuple',
      'list',
    ])
  })
})

describe('other stores and files', () => {
  const comparable = (m: TraceModel) => ({...m, meta: {...m.meta, format: '', source: ''}})

  it('the 2.40 store, the v3 raw file and files/500-import.kolo give the same model', () => {
    const fromStore = built.get(IMPORT_500)!.model
    const raw = `${V3_RAW}/${IMPORT_500}.kolo`
    const fromRaw = buildTraceModel(decode(readFileSync(raw), raw)).model
    const file = `${FIX}/files/500-import.kolo`
    const fromFile = buildTraceModel(decode(readFileSync(file), file)).model
    expect(fromRaw.meta.format).toBe('kolo-v3')
    expect(comparable(fromRaw)).toEqual(comparable(fromStore))
    expect(comparable(fromFile)).toEqual(comparable(fromStore))
  })

  it('bookshelf-deep: builds the 7,500-record trace with library frames', () => {
    const bodies = storeBodies(DEEP)
    let largest = 0
    for (const [id, bytes] of bodies) {
      const b = buildTraceModel(decode(bytes, `${DEEP}#${id}`))
      expect(b.model.meta.warnings, id).toEqual([])
      largest = Math.max(largest, b.model.meta.recordCount)
      const library = find(
        b.model,
        NodeKind.frame,
        i => (b.model.flags[i]! & NodeFlag.library) !== 0,
      )
      expect(library, id).toBeGreaterThanOrEqual(0)
    }
    expect(largest).toBeGreaterThan(7000)
  })

  it('crashed-writer.kolo: recovered, with what survived', () => {
    const file = `${FIX}/files/crashed-writer.kolo`
    const b = buildTraceModel(decode(readFileSync(file), file))
    expect(b.model.meta.recovered).toBe(true)
    expect(b.model.meta.recordCount).toBe(4140)
    expect(b.model.nodeCount).toBeGreaterThan(1000)
    expect(b.model.flags[0]! & NodeFlag.unfinished).toBeTruthy()
  })
})
