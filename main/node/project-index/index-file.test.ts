import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, beforeEach, describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {FIXTURES} from '../testing/fixtures'
import {indexFileFor} from './index-file'
import {ProjectIndex} from './project-index'

const STORE = `${FIXTURES}/bookshelf/app`
const temps: string[] = []
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, {recursive: true, force: true})
})

let cacheDir: string
let file: string
beforeEach(async () => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-index-file-'))
  temps.push(cacheDir)
  file = indexFileFor(cacheDir, STORE)
  const index = ProjectIndex.open({storePath: STORE, cacheDir})
  await index.build()
  await index.close()
})

/** Reopen, expecting a rebuild notice that mentions `why`; the index works again after a build. */
async function expectRebuilt(why: RegExp): Promise<void> {
  const index = ProjectIndex.open({storePath: STORE, cacheDir})
  const notices = index.status().notices
  expect(notices).toEqual([
    expect.objectContaining({
      code: 'index-rebuilt',
      message: expect.stringMatching(why) as unknown,
    }),
  ])
  expect(index.status().indexed).toBe(0)
  expect(await index.build()).toMatchObject({phase: 'done', indexed: 15})
  expect(index.history({qualname: 'shelf.models.Book.average_rating'}).calls).toHaveLength(8)
  await index.close()
}

function withDb(edit: (db: Database.Database) => void): void {
  const db = new Database(file)
  edit(db)
  db.close()
}

function pageOf(table: string): {offset: number; size: number} {
  const db = new Database(file, {readonly: true})
  const root = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table)
  const size = db.pragma('page_size', {simple: true}) as number
  db.close()
  return {offset: ((root as number) - 1) * size, size}
}

describe('a damaged or stale index file', () => {
  it('is used as it is when healthy and closed cleanly', async () => {
    const index = ProjectIndex.open({storePath: STORE, cacheDir})
    expect(index.status()).toMatchObject({indexed: 15, notices: []})
    expect(await index.build()).toMatchObject({indexed: 0, current: 15})
    await index.close()
  })

  it('is rebuilt when it is garbage', async () => {
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a))
    await expectRebuilt(/not an SQLite database/)
  })

  it('is rebuilt when it is truncated', async () => {
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2))
    await expectRebuilt(/truncated/)
  })

  it('is rebuilt when it is another format version or schema, or another store’s', async () => {
    withDb(db => db.prepare(`UPDATE meta SET value = '0' WHERE key = 'format_version'`).run())
    await expectRebuilt(/format 0, not 1/)
    withDb(db => db.prepare(`UPDATE meta SET value = '/elsewhere' WHERE key = 'store_path'`).run())
    await expectRebuilt(/another store/)
    withDb(db => db.prepare(`UPDATE meta SET value = 'f00' WHERE key = 'schema'`).run())
    await expectRebuilt(/tables differ/)
  })

  it('is checked when the last session did not close it, and rebuilt if damaged', async () => {
    const {offset, size} = pageOf('calls')
    withDb(db => db.prepare(`UPDATE meta SET value = '0' WHERE key = 'clean'`).run())
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, offset)
    fs.closeSync(fd)
    await expectRebuilt(/damaged/)
  })

  it('is rebuilt when a query finds it damaged, and serves again after the rebuild', async () => {
    const {offset, size} = pageOf('calls')
    const fd = fs.openSync(file, 'r+')
    fs.writeSync(fd, Buffer.alloc(size, 0xa5), 0, size, offset)
    fs.closeSync(fd)
    const index = ProjectIndex.open({storePath: STORE, cacheDir})
    let error: unknown
    try {
      index.history({qualname: 'shelf.models.Book.average_rating'})
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toMatch(/damaged and is being rebuilt/)
    // The rebuild it started: wait for it through a build queued behind it.
    expect(await index.build()).toMatchObject({phase: 'done', indexed: 0, current: 15})
    expect(new Set(index.overview().items.map(i => i.traceId)).size).toBe(15)
    expect(index.status().notices.map(n => n.code)).toEqual(['index-rebuilt'])
    await index.close()
  })

  it('removes index files of other format versions of the same store', async () => {
    const old = file.replace(/\/v\d+-/, '/v0-')
    fs.writeFileSync(old, 'old')
    fs.writeFileSync(`${old}-wal`, 'old')
    const other = path.join(path.dirname(file), 'v0-0123456789abcdef0123456789abcdef.sqlite3')
    fs.writeFileSync(other, 'another store')
    const index = ProjectIndex.open({storePath: STORE, cacheDir})
    await index.close()
    expect(fs.existsSync(old)).toBe(false)
    expect(fs.existsSync(`${old}-wal`)).toBe(false)
    expect(fs.existsSync(other)).toBe(true)
  })
})
