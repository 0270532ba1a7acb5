import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {openStore} from './open-store'
import {setUriSupportForTests} from './read-only-db'
import {c2Body, copyTree, snapshotTree, tempDir, traceIdAt} from '../testing/store-helpers'
import type {KoloStore} from './types'
import {FIXTURES} from '../testing/fixtures'

// These tests prove the store never writes; what a summary says does not matter here.
vi.mock('./summarize-body', () => ({
  summarizeBody: () => ({fields: {name: 'stub', kind: 'script'}}),
}))

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

/** List every trace and read every body, as the UI would. */
function useEverything(store: KoloStore): number {
  const page = store.listTraces({limit: 10_000})
  for (const trace of page.traces) store.readTraceBody(trace.id)
  expect(store.traceIds()).toEqual(page.traces.map(t => t.id))
  store.watchPaths()
  return page.total
}

/** A writable copy of the bookshelf project with a writer that keeps its -wal alive. */
function liveWalProject(extra: number): {root: string; writer: Database.Database} {
  const root = scratch()
  copyTree(path.join(fixtures, 'bookshelf/app/.kolo'), path.join(root, '.kolo'))
  const writer = new Database(path.join(root, '.kolo/db.sqlite3'))
  cleanups.push(() => writer.close())
  writer.pragma('journal_mode = wal')
  // Like a Kolo process between checkpoints: new rows live only in the -wal.
  writer.pragma('wal_autocheckpoint = 0')
  const insert = writer.prepare('INSERT INTO traces (id, created_at, msgpack) VALUES (?, ?, ?)')
  for (let i = 0; i < extra; i++) {
    const ms = Date.UTC(2027, 0, 1, 0, 0, i)
    const id = traceIdAt(ms, i)
    insert.run(id, new Date(ms).toISOString().replace('T', ' ').slice(0, 23), c2Body(id, ms / 1000))
  }
  return {root, writer}
}

describe('the store never creates or changes a file in the store folder', () => {
  it('reads a WAL database with a live -wal (and -shm) through a private copy', () => {
    const {root} = liveWalProject(3)
    const kolo = path.join(root, '.kolo')
    expect(fs.statSync(path.join(kolo, 'db.sqlite3-wal')).size).toBeGreaterThan(0)
    expect(fs.existsSync(path.join(kolo, 'db.sqlite3-shm'))).toBe(true)
    fs.chmodSync(kolo, 0o555)
    cleanups.push(() => fs.chmodSync(kolo, 0o755))
    const before = snapshotTree(root)
    const store = openStore(root, {cacheDir: scratch()})
    // The three rows that exist only in the -wal are seen.
    expect(useEverything(store)).toBe(18)
    store.close()
    expect(snapshotTree(root)).toEqual(before)
  })

  it('reads a -wal without its -shm (a crashed writer) through a private copy', () => {
    const {root: live} = liveWalProject(2)
    const root = scratch()
    fs.mkdirSync(path.join(root, '.kolo'))
    for (const name of ['db.sqlite3', 'db.sqlite3-wal']) {
      fs.copyFileSync(path.join(live, '.kolo', name), path.join(root, '.kolo', name))
    }
    const before = snapshotTree(root)
    const store = openStore(path.join(root, '.kolo', 'db.sqlite3'), {cacheDir: scratch()})
    expect(useEverything(store)).toBe(17)
    store.close()
    expect(snapshotTree(root)).toEqual(before)
  })

  it('reads a checkpointed WAL database (no -wal, no -shm) as immutable', () => {
    const root = scratch()
    copyTree(path.join(fixtures, 'bookshelf/app/.kolo'), path.join(root, '.kolo'))
    for (const name of ['db.sqlite3-wal', 'db.sqlite3-shm']) {
      fs.rmSync(path.join(root, '.kolo', name), {force: true})
    }
    const before = snapshotTree(root)
    const store = openStore(root, {cacheDir: scratch()})
    expect(useEverything(store)).toBe(15)
    store.close()
    expect(snapshotTree(root)).toEqual(before)
    expect(fs.readdirSync(path.join(root, '.kolo'))).toEqual(['db.sqlite3'])
  })

  it('copies even a checkpointed database where SQLite URIs are switched off', () => {
    setUriSupportForTests(false)
    cleanups.push(() => setUriSupportForTests(undefined))
    const root = scratch()
    copyTree(path.join(fixtures, 'bookshelf/app/.kolo'), path.join(root, '.kolo'))
    for (const name of ['db.sqlite3-wal', 'db.sqlite3-shm']) {
      fs.rmSync(path.join(root, '.kolo', name), {force: true})
    }
    const before = snapshotTree(root)
    const store = openStore(root, {cacheDir: scratch()})
    expect(useEverything(store)).toBe(15)
    store.close()
    expect(snapshotTree(root)).toEqual(before)
  })

  it('reads a database with an empty -wal and a stale -shm', () => {
    const root = scratch()
    copyTree(path.join(fixtures, 'bookshelf-v3/.kolo'), path.join(root, '.kolo'))
    const internal = path.join(root, '.kolo/.internal')
    fs.writeFileSync(path.join(internal, 'db.sqlite3-wal'), '')
    fs.writeFileSync(path.join(internal, 'db.sqlite3-shm'), Buffer.alloc(32768, 7))
    const before = snapshotTree(root)
    const store = openStore(root, {cacheDir: scratch()})
    expect(useEverything(store)).toBe(15)
    store.close()
    expect(snapshotTree(root)).toEqual(before)
  })

  it('leaves the shared fixtures exactly as they were', () => {
    const inputs = [
      'bookshelf/app',
      'bookshelf-v3',
      'bookshelf-deep',
      'files/500-import.kolo',
      'files/crashed-writer.kolo',
      'files/book-list-dump.msgpack',
    ]
    // Other tests running beside this one may open the fixtures with plain `readonly` (which, as
    // root, creates and touches -wal/-shm); that is theirs to fix. The copies above prove that we
    // create none; here every database, container and dump must be byte-for-byte untouched.
    const stable = (snap: Map<string, string>) =>
      new Map([...snap].filter(([k, v]) => !/-(wal|shm)$/.test(k) && !v.startsWith('dir')))
    const before = snapshotTree(fixtures)
    for (const input of inputs) {
      const store = openStore(path.join(fixtures, input), {cacheDir: scratch()})
      expect(useEverything(store)).toBeGreaterThan(0)
      store.close()
    }
    expect(stable(snapshotTree(fixtures))).toEqual(stable(before))
  })
})
