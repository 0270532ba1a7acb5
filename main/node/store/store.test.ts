import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import {afterEach, describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {openStore} from './open-store'
import {jsonBody, tempDir} from '../testing/store-helpers'
import type {KoloStore} from './types'
import {FIXTURES} from '../testing/fixtures'

const fixtures = FIXTURES
const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function scratch(): string {
  const dir = tempDir()
  cleanups.push(() => fs.rmSync(dir, {recursive: true, force: true}))
  return dir
}

function open(input: string): KoloStore {
  const store = openStore(input, {cacheDir: scratch()})
  cleanups.push(() => store.close())
  return store
}

// Newest first, as recorded by Kolo 2.40 (kolo-format.md §10). The two test traces carry the same
// trace_name; their start_test records tell them apart.
const bookshelf: [string, string, number | undefined, string][] = [
  ['trc_01M8AECWD7FXEP7N91TPXMEQMB', 'test_lists_books', undefined, 'test'],
  ['trc_01M8AECWCN4F3RJS5DYPA6WFSZ', 'test_api_pages', undefined, 'test'],
  ['trc_01M8AECVF4M8Y4PM90ERCBAXPM', '200 GET /', 200, 'request'],
  ['trc_01M8AECV592REF128X6M654XA5', '404 GET /books/99/', 404, 'request'],
  ['trc_01M8AECTT3KXFQWS21XJSMJSZF', '500 GET /stats/', 500, 'request'],
  ['trc_01M8AECTGEBBQF7G1H98B96VD2', '200 GET /stats/', 200, 'request'],
  ['trc_01M8AECT3RY7QP78H3Z53GFN0Y', '500 POST /import/', 500, 'request'],
  ['trc_01M8AECSSNPE9A6FZBYCE8WXZN', '200 POST /import/', 200, 'request'],
  ['trc_01M8AECSFZA3K467KQMS0ZSXYB', '200 GET /api/books/', 200, 'request'],
  ['trc_01M8AECS69RS1M5K1NQBMZB98T', '400 POST /books/2/reviews/', 400, 'request'],
  ['trc_01M8AECRWHAMYV0EMY8TCT439H', '200 GET /books/1/', 200, 'request'],
  ['trc_01M8AECRW7FNRFWMAMFCYF8SQD', '302 POST /books/1/reviews/', 302, 'request'],
  ['trc_01M8AECRJF3KNZR6RYHFDDYP3Z', '200 GET /books/1/', 200, 'request'],
  ['trc_01M8AECR889F4M33DWTT69S3XG', '200 GET /', 200, 'request'],
  ['trc_01M8AECR7PHKNA3ZRXSA6Q0XC0', '200 GET /api/books/', 200, 'request'],
]

function expectBookshelf(store: KoloStore, storage: string): void {
  const page = store.listTraces({limit: 50})
  expect(page.total).toBe(15)
  expect(page.offset).toBe(0)
  const rows = page.traces.map(t => [t.id, t.name, t.status, t.kind])
  expect(rows.map(r => r[0])).toEqual(bookshelf.map(b => b[0]))
  for (const [i, [, name, status, kind]] of bookshelf.entries()) {
    const t = page.traces[i]
    expect(t?.error).toBeUndefined()
    if (kind === 'test') expect(t?.name).toContain(name)
    else expect(t?.name).toBe(name)
    expect(t?.status).toBe(status)
    expect(t?.kind).toBe(kind)
    expect(t?.storage).toBe(storage)
    expect(t?.recordCount).toBeGreaterThan(0)
    expect(t?.sizeBytes).toBeGreaterThan(0)
  }
  expect(page.traces[0]?.name).not.toBe(page.traces[1]?.name)
  expect(page.traces[2]).toMatchObject({method: 'GET', path: '/', queryCount: 9})
  expect(page.traces[14]?.createdAt).toBe('2026-11-25T22:49:32.165Z')
  expect(store.traceIds()).toEqual(bookshelf.map(b => b[0]))
}

describe('openStore on the Kolo fixtures', () => {
  it('lists the 2.40 bookshelf project: 15 traces, named and statused as Kolo shows them', () => {
    const store = open(path.join(fixtures, 'bookshelf/app'))
    expect(store.format).toBe('kolo-2')
    expect(store.label).toBe('app')
    expect(store.sourceRoot).toBe(path.join(fixtures, 'bookshelf/app'))
    expectBookshelf(store, 'sqlite-msgpack')
    const body = store.readTraceBody('trc_01M8AECR7PHKNA3ZRXSA6Q0XC0')
    expect(body.storage).toBe('sqlite-msgpack')
    expect(body.bytes.length).toBe(4387)
    expect(body.source).toContain('db.sqlite3')
    expect(body.createdAt).toBe('2026-11-25T22:49:32.165Z')
  })

  it('lists the same traces from the 3.3+ layout (index rows + raw/*.kolo)', () => {
    const store = open(path.join(fixtures, 'bookshelf-v3'))
    expect(store.format).toBe('kolo-3')
    expect(store.sourceRoot).toBe(path.join(fixtures, 'bookshelf-v3'))
    expectBookshelf(store, 'raw-kolo')
    const body = store.readTraceBody('trc_01M8AECR7PHKNA3ZRXSA6Q0XC0')
    expect(body.source).toMatch(/raw\/trc_01M8AECR7PHKNA3ZRXSA6Q0XC0\.kolo$/)
    expect(store.watchPaths()).toContain(path.join(fixtures, 'bookshelf-v3/.kolo/.internal/raw'))
  })

  it('opens a .kolo folder, a .internal folder and a db.sqlite3 as the same project', () => {
    for (const input of ['bookshelf/app/.kolo', 'bookshelf/app/.kolo/db.sqlite3']) {
      const store = open(path.join(fixtures, input))
      expect(store.sourceRoot).toBe(path.join(fixtures, 'bookshelf/app'))
      expect(store.traceIds()).toHaveLength(15)
    }
    const v3 = open(path.join(fixtures, 'bookshelf-v3/.kolo/.internal/db.sqlite3'))
    expect(v3.format).toBe('kolo-3')
    expect(v3.sourceRoot).toBe(path.join(fixtures, 'bookshelf-v3'))
  })

  it('stamps every trace with a change key, without reading bodies, in list order', () => {
    const v2 = open(path.join(fixtures, 'bookshelf/app'))
    const stamps = v2.traceStamps()
    expect(stamps.map(s => s.id)).toEqual(v2.traceIds())
    expect(stamps.find(s => s.id === 'trc_01M8AECR7PHKNA3ZRXSA6Q0XC0')).toEqual({
      id: 'trc_01M8AECR7PHKNA3ZRXSA6Q0XC0',
      createdAtMs: Date.parse('2026-11-25T22:49:32.165Z'),
      changeKey: 'sqlite-msgpack|4387|',
    })
    // Raw files: the size and mtime of the file, so a rewritten .kolo gets a new key.
    const v3 = open(path.join(fixtures, 'bookshelf-v3'))
    const raw = v3.traceStamps().find(s => s.id === 'trc_01M8AECR7PHKNA3ZRXSA6Q0XC0')!
    const file = path.join(
      fixtures,
      'bookshelf-v3/.kolo/.internal/raw/trc_01M8AECR7PHKNA3ZRXSA6Q0XC0.kolo',
    )
    const stat = fs.statSync(file)
    expect(raw.changeKey).toBe(`raw-kolo|${stat.size}|${Math.floor(stat.mtimeMs)}`)
    const single = open(path.join(fixtures, 'files/500-import.kolo'))
    expect(single.traceStamps().map(s => s.id)).toEqual(single.traceIds())
    expect(single.traceStamps()[0]!.changeKey).toMatch(/^file-kolo\|\d+\|\d+$/)
  })

  it('pages without summarising what is not asked for', () => {
    const store = open(path.join(fixtures, 'bookshelf-deep'))
    const page = store.listTraces({offset: 1, limit: 1})
    expect(page).toMatchObject({total: 3, offset: 1})
    expect(page.traces).toHaveLength(1)
    expect(page.traces[0]?.recordCount).toBeGreaterThan(900)
    expect(store.listTraces({offset: 99}).traces).toEqual([])
  })

  it('opens single trace files as one-trace stores, by content', () => {
    const imp = open(path.join(fixtures, 'files/500-import.kolo'))
    expect(imp.format).toBe('file')
    expect(imp.label).toBe('500-import.kolo')
    const [t] = imp.listTraces().traces
    expect(t).toMatchObject({
      name: '500 POST /import/',
      status: 500,
      storage: 'file-kolo',
      kind: 'request',
    })
    expect(imp.readTraceBody(t?.id ?? '').bytes.length).toBe(
      fs.statSync(path.join(fixtures, 'files/500-import.kolo')).size,
    )

    const dump = open(path.join(fixtures, 'files/book-list-dump.msgpack'))
    const [d] = dump.listTraces().traces
    expect(d).toMatchObject({status: 200, method: 'GET', path: '/', storage: 'file-msgpack'})
    expect(d?.id).toMatch(/^trc_/)
    expect(dump.traceIds()).toEqual([d?.id])

    const crashed = open(path.join(fixtures, 'files/crashed-writer.kolo'))
    const [c] = crashed.listTraces().traces
    expect(c?.id).toMatch(/^trc_/)
    expect(c?.error).toBeUndefined()
    expect(c?.recordCount).toBe(4140)
    expect(() => crashed.readTraceBody('trc_nope')).toThrow(ApiError)
  })

  it('reads gzip and JSON dumps, whatever their names', () => {
    const dir = scratch()
    const dump = fs.readFileSync(path.join(fixtures, 'files/book-list-dump.msgpack'))
    const gz = path.join(dir, 'download')
    fs.writeFileSync(gz, zlib.gzipSync(dump))
    const store = open(gz)
    expect(store.listTraces().traces[0]).toMatchObject({status: 200, storage: 'file-msgpack-gz'})
    expect(Buffer.compare(store.readTraceBody(store.traceIds()[0] ?? '').bytes, dump)).toBe(0)
    const json = path.join(dir, 'trace.txt')
    fs.writeFileSync(
      json,
      jsonBody('trc_01M8AECR7PHKNA3ZRXSA6Q0XC0', 1764110972, 'POST', '/x/', 201),
    )
    const j = open(json)
    expect(j.traceIds()).toEqual(['trc_01M8AECR7PHKNA3ZRXSA6Q0XC0'])
    expect(j.listTraces().traces[0]).toMatchObject({status: 201, path: '/x/', storage: 'file-json'})
    expect(j.listTraces().traces[0]?.createdAt).toBe('2025-11-25T22:49:32.000Z')
  })
})

describe('openStore errors', () => {
  const expectError = (input: string, code: string, text: string) => {
    try {
      openStore(input, {cacheDir: scratch()})
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError)
      expect((error as ApiError).code).toBe(code)
      expect((error as ApiError).message).toContain(text)
      return
    }
    throw new Error(`${input} opened`)
  }

  it('names the folder and what was looked for when there is no store', () => {
    const dir = scratch()
    expectError(
      dir,
      'not-found',
      `${dir}: no Kolo store here (looked for .kolo/.internal/db.sqlite3`,
    )
    expectError(path.join(dir, 'nope'), 'not-found', 'no such file or folder')
  })

  it('names a file that is not SQLite, is corrupt, is not Kolo, or is not a trace', () => {
    const dir = scratch()
    fs.mkdirSync(path.join(dir, '.kolo'))
    const db = path.join(dir, '.kolo/db.sqlite3')
    fs.writeFileSync(db, 'this is not a database at all, just some text')
    expectError(dir, 'bad-store', db)
    const real = fs.readFileSync(path.join(fixtures, 'bookshelf/app/.kolo/db.sqlite3'))
    const torn = Buffer.from(real)
    torn.fill(0xa5, 4096, 16384)
    fs.writeFileSync(db, torn)
    expectError(db, 'bad-store', db)
    const other = path.join(dir, 'django.sqlite3')
    new Database(other).exec('CREATE TABLE auth_user (id integer)')
    expectError(other, 'bad-store', 'not a Kolo database')
    const text = path.join(dir, 'notes.txt')
    fs.writeFileSync(text, 'hello')
    expectError(text, 'bad-store', `${text}: not a Kolo store or trace file`)
  })

  it('lists an undecodable body with an error, and says not-found for an unknown id', () => {
    const dir = scratch()
    const raw = path.join(dir, '.kolo/.internal/raw')
    fs.mkdirSync(raw, {recursive: true})
    fs.writeFileSync(path.join(raw, 'trc_01M8AECR7PHKNA3ZRXSA6Q0XC0.kolo'), 'KOLOTRC3 but broken')
    fs.writeFileSync(path.join(raw, '.trc_01M8AECR7PHKNA3ZRXSA6Q0XC1.kolo.ab12.tmp'), 'half')
    const store = open(dir)
    const page = store.listTraces()
    expect(page.total).toBe(1)
    expect(page.traces[0]?.error).toContain('trc_01M8AECR7PHKNA3ZRXSA6Q0XC0.kolo')
    expect(() => store.readTraceBody('trc_unknown')).toThrow(/no trace trc_unknown/)
    expect(() => store.readTraceBody('../../etc/passwd')).toThrow(ApiError)
  })
})
