import {gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {writeKoloContainer} from '../kolo-writer/kolo3-container'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {decodeTraceBody} from './decode-trace-body'
import type {DecodedTrace, RecordTable} from './decoded-trace'
import {decodeMsgpack} from './msgpack-reader'
import type {KoloMap} from './py-objects'
import {INDEXED_KEYS} from './skim-context'
import {toScalar} from './skim-table'
import {bookshelf, bookshelfDeep, bookshelfV3, fixtureFile} from '../testing/fixtures'
import {scanV3} from './v3-scan'

const decode = (bytes: Uint8Array, source = 'test'): DecodedTrace =>
  decodeTraceBody(bytes, {source})

/** Every record of `b` equals the one of `a` at the same index: fields, call sites, full maps. */
function expectSameRecords(a: RecordTable, b: RecordTable, count = a.length): void {
  expect(b.length).toBe(count)
  const step = count > 1000 ? 7 : 1 // deep-comparing 7,450 Maps is slow; every 7th is plenty
  for (let i = 0; i < count; i++) {
    for (const key of INDEXED_KEYS) {
      if (b.get(i, key) !== a.get(i, key)) {
        expect([i, key, b.get(i, key)]).toEqual([i, key, a.get(i, key)])
      }
    }
    expect(b.callSite(i)).toEqual(a.callSite(i))
    if (i % step === 0) expect(b.full(i)).toEqual(a.full(i))
  }
}

/** get() agrees with full() for every top-level field, indexed or not. */
function expectConsistent(table: RecordTable): void {
  for (let i = 0; i < table.length; i++) {
    const record = table.full(i)
    for (const [key, value] of record) {
      if (typeof key === 'string' && table.get(i, key) !== toScalar(value)) {
        expect([i, key, table.get(i, key)]).toEqual([i, key, toScalar(value)])
      }
    }
    expect(table.get(i, 'no_such_key')).toBeUndefined()
    const site = record.get('user_code_call_site')
    if (site instanceof Map) {
      const expected: unknown[] = [site.get('call_frame_id'), site.get('line_number')]
      expect(table.callSite(i)).toEqual({frameId: expected[0], line: expected[1]})
    } else {
      expect(table.callSite(i)).toBeUndefined()
    }
  }
}

function expectSameTrace(a: DecodedTrace, b: DecodedTrace): void {
  for (const key of [
    'traceId',
    'timestamp',
    'traceName',
    'koloVersion',
    'source',
    'commitSha',
    'mainThreadKey',
  ] as const) {
    expect(b[key]).toEqual(a[key])
  }
  expect(b.commandLine).toEqual(a.commandLine)
  expect(b.threads.map(t => [t.key, t.name])).toEqual(a.threads.map(t => [t.key, t.name]))
  a.threads.forEach((t, i) => expectSameRecords(t.records, b.threads[i]!.records))
}

describe('decodeTraceBody on real Kolo 2.40 and 3.3 data', () => {
  const store = bookshelf()
  const v3 = bookshelfV3()

  it('decodes all 15 bookshelf traces as C2 with the current thread first', () => {
    expect(store.size).toBe(15)
    for (const [id, bytes] of store) {
      const trace = decode(bytes, id)
      expect(trace).toMatchObject({
        format: 'msgpack-c2',
        traceId: id,
        recovered: false,
        koloVersion: '2.40.0',
      })
      expect(trace.mainThreadKey).toMatch(/^native_\d+$/)
      expect(trace.threads[0]!.key).toBe(trace.mainThreadKey)
      expect(trace.threads[0]!.records.length).toBeGreaterThan(5)
      expect(trace.byteLength).toBe(bytes.length)
      expect(trace.timestamp).toBeGreaterThan(1.7e9)
      expectConsistent(trace.threads[0]!.records)
    }
    const names = [...store.values()].map(b => decode(b).traceName)
    expect(names).toContain('500 POST /import/')
    expect(names.filter(n => n === 'BookListTests.test_api_pages')).toHaveLength(2)
  })

  it('gives the same trace from the 2.40 store, the v3 raw file and the .kolo file', () => {
    expect([...v3.keys()]).toEqual([...store.keys()])
    for (const [id, bytes] of store) {
      const fromV3 = decode(v3.get(id)!, id)
      expect(fromV3.format).toBe('kolo-v3')
      expect(fromV3.recovered).toBe(false)
      expectSameTrace(decode(bytes, id), fromV3)
    }
    const file = decode(fixtureFile('500-import.kolo'))
    expect(file.traceName).toBe('500 POST /import/')
    expectSameTrace(decode(store.get(file.traceId)!), file)
    const dump = decode(fixtureFile('book-list-dump.msgpack'))
    expectSameTrace(decode(store.get(dump.traceId)!), dump)
  })

  it('reads the deep traces and recovers the crashed writer: 4,140 of 7,450 records', () => {
    const deep = bookshelfDeep()
    expect(deep.size).toBe(3)
    const full = decode(deep.get('trc_01M8AEDA2VSAHRFXE020CYQTZ9')!)
    expect(full.threads[0]!.records.length).toBe(7450)
    expectConsistent(full.threads[0]!.records)
    const crashed = decode(fixtureFile('crashed-writer.kolo'), 'crashed-writer.kolo')
    expect(crashed).toMatchObject({
      format: 'kolo-v3',
      recovered: true,
      traceId: full.traceId,
      timestamp: full.timestamp,
    })
    expect(crashed.traceName).toBeUndefined()
    expect(crashed.threads).toHaveLength(1)
    expect(crashed.mainThreadKey).toBe('1') // no thread meta survived: the bare token
    expectSameRecords(full.threads[0]!.records, crashed.threads[0]!.records, 4140)
  })

  it('accepts gzip (a my.kolo.app download) and bounds the inflated size', () => {
    const dump = fixtureFile('book-list-dump.msgpack')
    const zipped = gzipSync(dump)
    expectSameTrace(decode(dump), decode(zipped))
    expect(decode(gzipSync(fixtureFile('500-import.kolo'))).format).toBe('kolo-v3')
    expect(() => decodeTraceBody(zipped, {source: 'x.gz', maxInflatedBytes: 1000})).toThrow(
      /x.gz: bad gzip data: inflates beyond/,
    )
    expect(() => decode(zipped.subarray(0, 100), 'cut.gz')).toThrow(ApiError)
  })
})

describe('v3 containers with value tables and many chunks', () => {
  const dump = decodeMsgpack(fixtureFile('book-list-dump.msgpack')) as Map<string, unknown>
  const big = 'SELECT ' + 'x, '.repeat(3000) + '1'
  const threads = dump.get('threads') as Map<string, KoloMap>
  const frames = [...threads.values()][0]!.get('frames') as KoloMap[]
  const sqlEnds = frames.filter(f => f.get('type') === 'end_sql_query')
  for (const f of sqlEnds) f.set('query', big)

  it('resolves ext 9 references in indexed fields and in full records', () => {
    const container = writeKoloContainer(dump, {internValues: true})
    expect(scanV3(container).records.some(r => r.kind === 5)).toBe(true)
    const plain = writeKoloContainer(dump)
    const a = decode(plain)
    const b = decode(container)
    expectSameTrace(a, b)
    const records = b.threads[0]!.records
    const ends = Array.from({length: records.length}, (_, i) => i).filter(
      i => records.get(i, 'type') === 'end_sql_query',
    )
    expect(ends.length).toBe(sqlEnds.length)
    for (const i of ends) expect(records.get(i, 'query')).toBe(big)
  })

  it('follows the INDEX over many small chunks', () => {
    const container = writeKoloContainer(dump, {chunkBytes: 300})
    expect(scanV3(container).records.filter(r => r.kind === 1).length).toBeGreaterThan(10)
    expectSameTrace(decode(writeKoloContainer(dump)), decode(container))
  })

  it('rejects a complete file with a defect; recovers a torn one', () => {
    const container = writeKoloContainer(dump, {chunkBytes: 2000})
    const flipped = new Uint8Array(container) // a copy (Buffer#slice would share memory)
    flipped[scanV3(container).records[3]!.offset + 10]! ^= 1
    expect(() => decode(flipped, 'flip.kolo')).toThrow(/flip.kolo: record header CRC mismatch/)
    const torn = decode(container.subarray(0, Math.floor(container.length * 0.6)))
    expect(torn.recovered).toBe(true)
    const whole = decode(container)
    expect(torn.threads[0]!.records.length).toBeLessThan(whole.threads[0]!.records.length)
    expectSameRecords(
      whole.threads[0]!.records,
      torn.threads[0]!.records,
      torn.threads[0]!.records.length,
    )
    const headerOnly = decode(container.subarray(0, 90))
    expect(headerOnly).toMatchObject({
      recovered: true,
      traceId: whole.traceId,
      threads: [{key: 'main'}],
    })
    expect(headerOnly.threads[0]!.records.length).toBe(0)
  })
})

describe('errors name the source and the problem', () => {
  it.each([
    ['empty', new Uint8Array(), /the trace body is empty/],
    ['text', new TextEncoder().encode('hello'), /not a Kolo trace \(it starts with 68 65/],
    ['array', Uint8Array.from([0x91, 0x01]), /not a Kolo trace/],
    ['json array', new TextEncoder().encode('{"a": [1,'), /invalid JSON/],
    ['short map', Uint8Array.from([0x82, 0xa1, 0x61]), /missing|past the end/],
    ['magic only', new TextEncoder().encode('KOLOTRC3'), /header is truncated/],
  ])('%s', (name, bytes, message) => {
    expect(() => decodeTraceBody(bytes, {source: name})).toThrow(ApiError)
    expect(() => decodeTraceBody(bytes, {source: name})).toThrow(new RegExp(`^${name}: `))
    expect(() => decodeTraceBody(bytes, {source: name})).toThrow(message)
  })
})

describe('decodeTraceBody: pause', () => {
  it('pauses every 8,192 records of a msgpack body and of a Kolo 3.x container', () => {
    const body = syntheticC2Trace({records: 40_000})
    const container = writeKoloContainer(decodeMsgpack(body) as Map<string, unknown>)
    for (const bytes of [body, container]) {
      let pauses = 0
      const decoded = decodeTraceBody(bytes, {source: 'synthetic', pause: () => void pauses++})
      expect(decoded.threads[0]!.records.length).toBe(40_000)
      expect(pauses).toBe(Math.floor(40_000 / 8192))
    }
  })
})
