import fs from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {FIXTURES, bookshelfDeep} from '../testing/fixtures'
import {tempDir} from '../testing/store-helpers'
import {FileSource, MemorySource, SourceChanged} from './byte-source'
import {decodeTraceBody} from './decode-trace-body'
import type {RecordTable} from './decoded-trace'
import {frameKeyOf, frameKeyOfBytes} from './frame-key'
import {INDEXED_KEYS} from './skim-context'
import {SkimRecordTable} from './skim-table'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
})

/** Both tables answer every question alike, record by record. */
function expectSameAnswers(a: RecordTable, b: RecordTable): void {
  expect(b.length).toBe(a.length)
  for (let i = 0; i < a.length; i++) {
    for (const key of [...INDEXED_KEYS, 'frame_id', 'no_such_key']) {
      if (b.get(i, key) !== a.get(i, key)) {
        expect([i, key, b.get(i, key)]).toEqual([i, key, a.get(i, key)])
      }
    }
    expect([b.frameKey(i), b.siteKey(i), b.siteLine(i)]).toEqual([
      a.frameKey(i),
      a.siteKey(i),
      a.siteLine(i),
    ])
    expect(b.callSite(i)).toEqual(a.callSite(i))
    if (i % 11 === 0) expect(b.full(i, true)).toEqual(a.full(i, true))
  }
}

describe('frame keys', () => {
  it('are the same from a string and from its UTF-8 bytes, and tell ids apart', () => {
    const id = 'frm_01M8AEDA2VSAHRFXE020CYQTZ9'
    const bytes = new TextEncoder().encode(`xx${id}yy`)
    expect(frameKeyOfBytes(bytes, 2, id.length)).toBe(frameKeyOf(id))
    const keys = new Set<number>()
    for (let i = 0; i < 20_000; i++) keys.add(frameKeyOf(`frm_01M8AEDA2VSAHRF${i}`))
    expect(keys.size).toBe(20_000)
    for (const key of keys) expect(Number.isSafeInteger(key) && key > 0).toBe(true)
  })
})

describe('lean record tables', () => {
  it('answer like the skim table they were slimmed from, from memory', () => {
    const body = bookshelfDeep().get('trc_01M8AEDA2VSAHRFXE020CYQTZ9')!
    const decoded = decodeTraceBody(body, {source: 'deep'})
    const table = decoded.threads[0]!.records
    expect(table).toBeInstanceOf(SkimRecordTable)
    const lean = (table as SkimRecordTable).slim(new MemorySource(body))
    expect(lean.length).toBeGreaterThan(7000)
    expectSameAnswers(table, lean)
  })

  it('read a v3 container back from its file, and notice the file shrinking', () => {
    const file = path.join(FIXTURES, 'files', '500-import.kolo')
    const decoded = decodeTraceBody(fs.readFileSync(file), {source: file})
    const table = decoded.threads.find(t => t.records.length > 0)!.records as SkimRecordTable
    const source = new FileSource(file, {
      size: fs.statSync(file).size,
      mtimeMs: fs.statSync(file).mtimeMs,
    })
    expectSameAnswers(table, table.slim(source))
    source.close()

    const dir = tempDir('kolo-lean-')
    dirs.push(dir)
    const copy = path.join(dir, 'cut.kolo')
    fs.copyFileSync(file, copy)
    const stat = fs.statSync(copy)
    const cut = new FileSource(copy, {size: stat.size, mtimeMs: stat.mtimeMs})
    const lean = table.slim(cut)
    fs.truncateSync(copy, 100)
    expect(() => lean.full(lean.length - 1)).toThrow(SourceChanged)
    cut.close()
    expect(() => new FileSource(copy, {size: stat.size, mtimeMs: stat.mtimeMs})).toThrow(
      SourceChanged,
    )
  })
})
