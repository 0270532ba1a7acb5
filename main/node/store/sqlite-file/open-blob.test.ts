import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import {afterAll, describe, expect, it} from 'vitest'
import {blobAddress} from './blob-address'
import {localPayload, readVarint} from './btree-cell'
import {ChainBroken, openBlob} from './open-blob'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kolo-blob-'))
afterAll(() => fs.rmSync(dir, {recursive: true, force: true}))

/** Bytes that differ everywhere (a page header copied in by mistake shows). */
function pattern(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length)
  let x = seed * 2654435761
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    out[i] = x >>> 24
  }
  return out
}

/** A database shaped like Kolo's traces table, written in the given page size. */
function makeDb(name: string, pageSize: number, fill: (db: Database.Database) => void): string {
  const file = path.join(dir, name)
  const db = new Database(file)
  db.pragma(`page_size = ${pageSize}`)
  db.exec(`CREATE TABLE traces (
    id text PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, data text NULL, msgpack blob NULL,
    is_pinned INTEGER DEFAULT 0)`)
  fill(db)
  db.close()
  return file
}

const insert = (
  db: Database.Database,
  id: string,
  blob: Buffer | null,
  data: string | null = null,
): void => {
  db.prepare(
    `INSERT INTO traces (id, created_at, data, msgpack, is_pinned) VALUES (?, '2024', ?, ?, 1)`,
  ).run(id, data, blob)
}

/** Every blob of `file` read straight from its pages, whole and in small parts, against SQLite's. */
function checkAll(file: string): {rows: number; reads: number} {
  const db = new Database(file, {readonly: true})
  let reads = 0
  const rows = db.prepare('SELECT id, msgpack FROM traces WHERE msgpack IS NOT NULL').all() as {
    id: string
    msgpack: Buffer
  }[]
  for (const row of rows) {
    const address = blobAddress(db, {table: 'traces', column: 'msgpack', key: 'id', id: row.id})
    expect(address, row.id).toBeDefined()
    const whole = openBlob(file, address!)!
    whole.stream.fill(Infinity)
    reads += whole.stream.reads
    expect(whole.stream.filled).toBe(row.msgpack.length)
    expect(Buffer.compare(whole.stream.bytes, row.msgpack), row.id).toBe(0)
    whole.close()
    const parts = openBlob(file, address!)!
    for (let n = 1000; parts.stream.filled < row.msgpack.length; n *= 3) {
      parts.stream.fill(n)
      expect(parts.stream.filled).toBeGreaterThanOrEqual(Math.min(n, row.msgpack.length))
      const got = parts.stream.bytes.subarray(0, parts.stream.filled)
      expect(Buffer.compare(got, row.msgpack.subarray(0, parts.stream.filled))).toBe(0)
    }
    parts.close()
  }
  db.close()
  return {rows: rows.length, reads}
}

describe('reading a blob from its overflow pages', () => {
  it('matches SQLite for small, spilling and big blobs in every page size', () => {
    for (const pageSize of [512, 1024, 4096, 65536]) {
      const file = makeDb(`sizes-${pageSize}.sqlite3`, pageSize, db => {
        const sizes = [
          0,
          1,
          100,
          pageSize - 40,
          pageSize - 30,
          pageSize,
          pageSize * 3 + 7,
          3_000_000,
        ]
        sizes.forEach((n, i) => insert(db, `trc_${i}`, pattern(n, i + pageSize)))
      })
      expect(checkAll(file).rows).toBe(8)
    }
  })

  it('follows a chain scattered over freed pages, under a deep b-tree', () => {
    const file = makeDb('scattered.sqlite3', 1024, db => {
      // Many rows make interior pages; freeing and refilling interleaves the chains.
      for (let i = 0; i < 400; i++) insert(db, `small_${i}`, pattern(300, i))
      for (let i = 0; i < 30; i++) insert(db, `big_${i}`, pattern(20_000 + i * 997, 1000 + i))
      db.exec(`DELETE FROM traces WHERE id LIKE 'big_%' AND CAST(substr(id, 5) AS INTEGER) % 2 = 0`)
      for (let i = 0; i < 10; i++) insert(db, `again_${i}`, pattern(55_000 + i, 2000 + i))
    })
    const {rows, reads} = checkAll(file)
    expect(rows).toBe(425)
    // 40 straight chains would take ~8 reads each: these jump.
    expect(reads).toBeGreaterThan(40 * 10)
  })

  it('finds a blob that starts deep in the chain, after a long text column', () => {
    const file = makeDb('after-text.sqlite3', 4096, db => {
      insert(db, 'with_data', pattern(100_000, 7), 'x'.repeat(50_000))
      insert(db, 'short_data', pattern(9_000, 8), 'y'.repeat(3_000))
    })
    expect(checkAll(file).rows).toBe(2)
  })

  it('declines what the row does not hold as said, instead of reading it wrong', () => {
    const file = makeDb('declines.sqlite3', 4096, db => insert(db, 'a', pattern(50_000, 3)))
    const db = new Database(file, {readonly: true})
    const address = blobAddress(db, {table: 'traces', column: 'msgpack', key: 'id', id: 'a'})!
    db.close()
    expect(openBlob(file, {...address, length: address.length + 1})).toBeUndefined()
    expect(openBlob(file, {...address, column: 2})).toBeUndefined()
    expect(openBlob(file, {...address, rowid: address.rowid + 5})).toBeUndefined()
    expect(openBlob(file, {...address, root: 999})).toBeUndefined()
    // A file cut short: the chain runs off its end.
    const cut = path.join(dir, 'cut.sqlite3')
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 8 * 4096))
    const opened = openBlob(cut, address)
    expect(opened).toBeDefined()
    expect(() => opened!.stream.fill(Infinity)).toThrow(ChainBroken)
    opened!.close()
  })

  it('answers no address for a value that is not a blob, a missing row or a WITHOUT ROWID table', () => {
    const file = makeDb('address.sqlite3', 4096, db => {
      insert(db, 'null', null)
      db.prepare(
        `INSERT INTO traces (id, created_at, msgpack) VALUES ('text', '2024', 'abc')`,
      ).run()
      db.exec(`CREATE TABLE other (id text PRIMARY KEY, msgpack blob) WITHOUT ROWID`)
      db.prepare(`INSERT INTO other VALUES ('x', ?)`).run(pattern(10, 1))
    })
    const db = new Database(file, {readonly: true})
    const ask = (table: string, id: string) =>
      blobAddress(db, {table, column: 'msgpack', key: 'id', id})
    expect(ask('traces', 'null')).toBeUndefined()
    expect(ask('traces', 'text')).toBeUndefined()
    expect(ask('traces', 'nope')).toBeUndefined()
    expect(ask('other', 'x')).toBeUndefined()
    expect(ask('traces; DROP TABLE traces', 'x')).toBeUndefined()
    db.close()
  })

  it('reads varints and local payload sizes as the file format says', () => {
    expect(readVarint(Uint8Array.of(0x7f), 0, 1)).toEqual([127, 1])
    expect(readVarint(Uint8Array.of(0x81, 0x00), 0, 2)).toEqual([128, 2])
    expect(readVarint(Uint8Array.of(0x81), 0, 1)).toBeUndefined()
    // 4096-byte pages: up to 4061 bytes stay in the leaf; past that, 489 bytes, or more where
    // that fills the last overflow page exactly.
    expect(localPayload(4061, 4096)).toBe(4061)
    expect(localPayload(4062, 4096)).toBe(489)
    expect(localPayload(489 + 4092 + 100, 4096)).toBe(589)
  })
})
