import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterEach, describe, expect, it} from 'vitest'
import {openStore} from './open-store'
import {c2Body, tempDir, traceIdAt} from '../testing/store-helpers'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

function scratch(): string {
  const dir = tempDir()
  cleanups.push(() => fs.rmSync(dir, {recursive: true, force: true}))
  return dir
}

const count = 5000
const start = Date.UTC(2026, 0, 1)

function timed<T>(what: string, fn: () => T): T {
  const t0 = performance.now()
  const result = fn()
  console.log(`${what}: ${(performance.now() - t0).toFixed(1)} ms`)
  return result
}

// Figures are printed, not asserted (timing asserts are flaky on a shared machine).
describe('a store with 5,000 traces', () => {
  it('Kolo 2.x: lists its first page without decoding the rest', () => {
    const root = scratch()
    fs.mkdirSync(path.join(root, '.kolo'))
    const db = new Database(path.join(root, '.kolo/db.sqlite3'))
    db.pragma('journal_mode = wal')
    db.exec(`CREATE TABLE traces (id text PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, data text NULL,
      msgpack blob NULL, is_pinned INTEGER DEFAULT 0)`)
    const insert = db.prepare('INSERT INTO traces (id, created_at, msgpack) VALUES (?, ?, ?)')
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const ms = start + i * 1000
        const id = traceIdAt(ms, i)
        const created = new Date(ms).toISOString().replace('T', ' ').slice(0, 23)
        insert.run(id, created, c2Body(id, ms / 1000, 'GET', `/page/${i}/`))
      }
    })()
    db.close()
    const store = timed('kolo-2 5,000: open', () => openStore(root, {cacheDir: scratch()}))
    cleanups.push(() => store.close())
    const page = timed('kolo-2 5,000: first page of 100 (cold)', () =>
      store.listTraces({limit: 100}),
    )
    expect(page.total).toBe(count)
    expect(page.traces[0]?.path).toBe(`/page/${count - 1}/`)
    expect(page.traces[99]?.path).toBe(`/page/${count - 100}/`)
    timed('kolo-2 5,000: first page again (cached)', () => store.listTraces({limit: 100}))
    const ids = timed('kolo-2 5,000: traceIds', () => store.traceIds())
    expect(ids).toHaveLength(count)
    const last = timed('kolo-2 5,000: last page', () => store.listTraces({offset: count - 10}))
    expect(last.traces.at(-1)?.path).toBe('/page/0/')
  })

  it('Kolo 3.x: lists its first page of raw files', () => {
    const root = scratch()
    const internal = path.join(root, '.kolo/.internal')
    const raw = path.join(internal, 'raw')
    fs.mkdirSync(raw, {recursive: true})
    const db = new Database(path.join(internal, 'db.sqlite3'))
    db.exec(`CREATE TABLE traces (id text PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, data text NULL,
      msgpack blob NULL, is_pinned INTEGER DEFAULT 0, auto_generated_name TEXT NULL)`)
    const insert = db.prepare('INSERT INTO traces (id, created_at) VALUES (?, ?)')
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const ms = start + i * 1000
        const id = traceIdAt(ms, i)
        insert.run(id, new Date(ms).toISOString().replace('T', ' ').slice(0, 23))
        fs.writeFileSync(
          path.join(raw, `${id}.msgpack`),
          c2Body(id, ms / 1000, 'GET', `/page/${i}/`),
        )
      }
    })()
    db.close()
    const store = timed('kolo-3 5,000: open', () => openStore(root, {cacheDir: scratch()}))
    cleanups.push(() => store.close())
    const page = timed('kolo-3 5,000: first page of 100 (cold)', () =>
      store.listTraces({limit: 100}),
    )
    expect(page.total).toBe(count)
    expect(page.traces[0]).toMatchObject({path: `/page/${count - 1}/`, storage: 'raw-msgpack'})
    timed('kolo-3 5,000: traceIds', () => store.traceIds())
  })
})
