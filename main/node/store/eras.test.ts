import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {openStore} from './open-store'
import {summarizeBody} from './summarize-body'
import {c2Body, jsonBody, tempDir, traceIdAt} from '../testing/store-helpers'

type SummarizeModule = {summarizeBody: typeof summarizeBody}

// The real summariser, counted: a cached summary must not decode again.
vi.mock('./summarize-body', async importOriginal => {
  const real = await importOriginal<SummarizeModule>()
  return {summarizeBody: vi.fn(real.summarizeBody)}
})

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  vi.mocked(summarizeBody).mockClear()
})

function scratch(): string {
  const dir = tempDir()
  cleanups.push(() => fs.rmSync(dir, {recursive: true, force: true}))
  return dir
}

/** An era-A invocation (kolo-format.md §4.1): request/response at the top, a string timestamp. */
function eraABody(id: string): string {
  return JSON.stringify({
    request_id: id,
    invocation_id: id,
    current_commit_sha: 'abc',
    request: {method: 'GET', path_info: '/old/', body: '', headers: {}},
    response: {ms_duration: 12.5, status_code: 203, content: '', headers: {}},
    timestamp: '2021-06-01 12:00:00.123456+00:00',
    sql_queries_made: [{sql: 'SELECT 1', time: '0.001'}],
    frames_of_interest: [],
    meta: {version: '1.1.0'},
  })
}

const ms = (iso: string) => Date.parse(iso)

/**
 * A JSON-era 2.x database: an `invocations` table created before 1.3 (second-precision
 * created_at) beside a `traces` table with JSON `data` rows and msgpack rows.
 */
function jsonEraProject(): string {
  const root = scratch()
  fs.mkdirSync(path.join(root, '.kolo'))
  const db = new Database(path.join(root, '.kolo/db.sqlite3'))
  db.exec(`CREATE TABLE invocations (id text PRIMARY KEY NOT NULL,
      created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, data text NOT NULL);
    CREATE TABLE traces (id text PRIMARY KEY NOT NULL,
      created_at TEXT DEFAULT (STRFTIME('%Y-%m-%d %H:%M:%f', 'NOW')) NOT NULL,
      data text NULL, msgpack blob NULL)`)
  const inv = db.prepare('INSERT INTO invocations (id, created_at, data) VALUES (?, ?, ?)')
  const old = 'inv_5b0e8c1e-1234-4000-8000-000000000001'
  inv.run(old, '2021-06-01 12:00:00', eraABody(old))
  const b1 = traceIdAt(ms('2022-03-01T10:00:00.250Z'), 1)
  inv.run(
    b1,
    '2022-03-01 10:00:00.250',
    jsonBody(b1, ms('2022-03-01T10:00:00.250Z') / 1000, 'GET', '/b1/'),
  )
  const tr = db.prepare('INSERT INTO traces (id, created_at, data, msgpack) VALUES (?, ?, ?, ?)')
  const b2 = traceIdAt(ms('2023-01-01T00:00:00Z'), 2)
  tr.run(
    b2,
    '2023-01-01 00:00:00',
    jsonBody(b2, ms('2023-01-01T00:00:00Z') / 1000, 'POST', '/b2/', 201),
    null,
  )
  const c = traceIdAt(ms('2024-05-05T05:05:05.005Z'), 3)
  tr.run(
    c,
    '2024-05-05 05:05:05.005',
    null,
    c2Body(c, ms('2024-05-05T05:05:05.005Z') / 1000, 'GET', '/c/', 404),
  )
  // A user's `load --created-at` with a zone, and a broken body.
  const loaded = traceIdAt(ms('2020-01-01T00:00:00Z'), 4)
  tr.run(loaded, '2025-02-02T03:00:00+01:00', jsonBody(loaded, 0, 'GET', '/loaded/'), null)
  const broken = traceIdAt(ms('2019-01-01T00:00:00Z'), 5)
  tr.run(broken, '2019-01-01 00:00:00.000', '{"trace_id": "oops", not json', null)
  db.close()
  return root
}

describe('Kolo 2.x JSON eras', () => {
  it('lists invocations and traces (JSON and msgpack rows) newest first, times in ISO UTC', () => {
    const root = jsonEraProject()
    const store = openStore(root, {cacheDir: scratch()})
    cleanups.push(() => store.close())
    const {traces, total} = store.listTraces()
    expect(total).toBe(6)
    expect(traces.map(t => [t.createdAt, t.storage, t.status ?? t.error?.slice(0, 0)])).toEqual([
      ['2025-02-02T02:00:00.000Z', 'sqlite-json', 200],
      ['2024-05-05T05:05:05.005Z', 'sqlite-msgpack', 404],
      ['2023-01-01T00:00:00.000Z', 'sqlite-json', 201],
      ['2022-03-01T10:00:00.250Z', 'invocations-json', 200],
      ['2021-06-01T12:00:00.000Z', 'invocations-json', 203],
      ['2019-01-01T00:00:00.000Z', 'sqlite-json', ''],
    ])
    expect(traces[1]).toMatchObject({method: 'GET', path: '/c/', kind: 'request', queryCount: 1})
    expect(traces[4]).toMatchObject({method: 'GET', path: '/old/', kind: 'request'})
    expect(traces[5]?.error).toContain('db.sqlite3')
    expect(traces[5]?.name).toBe(traces[5]?.id)
    const body = store.readTraceBody(traces[4]?.id ?? '')
    expect(body.storage).toBe('invocations-json')
    expect(JSON.parse(Buffer.from(body.bytes).toString('utf8'))).toMatchObject({
      request: {path_info: '/old/'},
    })
  })

  it('caches summaries on disk, outside the store, and decodes each body once', () => {
    const root = jsonEraProject()
    const cacheDir = scratch()
    const first = openStore(root, {cacheDir})
    const a = first.listTraces()
    first.close()
    expect(vi.mocked(summarizeBody)).toHaveBeenCalledTimes(6)
    expect(fs.readdirSync(path.join(cacheDir, 'summaries'))).toHaveLength(1)
    expect(fs.readdirSync(path.join(root, '.kolo'))).toEqual(['db.sqlite3'])
    const second = openStore(root, {cacheDir})
    cleanups.push(() => second.close())
    expect(second.listTraces()).toEqual(a)
    expect(vi.mocked(summarizeBody)).toHaveBeenCalledTimes(6)
  })
})

describe('Kolo 3.x raw files', () => {
  it('lists raw files without a row (time = mtime), legacy msgpack rows, and prefers .kolo', () => {
    const root = scratch()
    const internal = path.join(root, '.kolo/.internal')
    const raw = path.join(internal, 'raw')
    fs.mkdirSync(raw, {recursive: true})
    const db = new Database(path.join(internal, 'db.sqlite3'))
    db.exec(`CREATE TABLE traces (id text PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, data text NULL,
      msgpack blob NULL, is_pinned INTEGER DEFAULT 0, auto_generated_name TEXT NULL)`)
    const legacy = traceIdAt(ms('2025-01-01T00:00:00Z'), 1)
    db.prepare('INSERT INTO traces VALUES (?, ?, NULL, ?, 0, ?)').run(
      legacy,
      '2025-01-01 00:00:00.000',
      c2Body(legacy, ms('2025-01-01T00:00:00Z') / 1000, 'GET', '/legacy/'),
      'Legacy name',
    )
    const indexed = traceIdAt(ms('2025-02-01T00:00:00Z'), 2)
    db.prepare('INSERT INTO traces (id, created_at, auto_generated_name) VALUES (?, ?, ?)').run(
      indexed,
      '2025-02-01 00:00:00.000',
      'GET /indexed/',
    )
    const missing = traceIdAt(ms('2024-01-01T00:00:00Z'), 3)
    db.prepare('INSERT INTO traces (id, created_at, auto_generated_name) VALUES (?, ?, ?)').run(
      missing,
      '2024-01-01 00:00:00.000',
      'Gone',
    )
    db.close()
    fs.writeFileSync(path.join(raw, `${indexed}.msgpack`), c2Body(indexed, 1, 'GET', '/indexed/'))
    const loose = traceIdAt(ms('2020-01-01T00:00:00Z'), 4)
    fs.writeFileSync(path.join(raw, `${loose}.msgpack`), c2Body(loose, 1, 'GET', '/old-msgpack/'))
    fs.writeFileSync(path.join(raw, `${loose}.kolo`), 'not a container, but preferred')
    fs.utimesSync(
      path.join(raw, `${loose}.kolo`),
      new Date('2026-03-03T03:03:03Z'),
      new Date('2026-03-03T03:03:03Z'),
    )
    fs.writeFileSync(path.join(raw, `.${loose}.kolo.deadbeef.tmp`), 'half written')

    const store = openStore(root, {cacheDir: scratch()})
    cleanups.push(() => store.close())
    const {traces} = store.listTraces()
    expect(traces.map(t => [t.id, t.createdAt, t.storage])).toEqual([
      [loose, '2026-03-03T03:03:03.000Z', 'raw-kolo'],
      [indexed, '2025-02-01T00:00:00.000Z', 'raw-msgpack'],
      [legacy, '2025-01-01T00:00:00.000Z', 'sqlite-msgpack'],
      [missing, '2024-01-01T00:00:00.000Z', 'none'],
    ])
    expect(traces[0]?.error).toBeDefined()
    expect(traces[1]).toMatchObject({path: '/indexed/', status: 200})
    expect(traces[2]).toMatchObject({path: '/legacy/'})
    expect(traces[3]).toMatchObject({name: 'Gone'})
    expect(traces[3]?.error).toContain('has no body')
  })
})
