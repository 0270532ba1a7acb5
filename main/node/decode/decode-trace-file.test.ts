import fs from 'node:fs'
import path from 'node:path'
import {gzipSync} from 'node:zlib'
import {afterAll, describe, expect, it} from 'vitest'
import {writeKoloContainer} from '../kolo-writer/kolo3-container'
import {buildTraceModel} from '../model/build-trace'
import {decodeExact} from '../testing/exact-decoder'
import {FIXTURES} from '../testing/fixtures'
import {tempDir} from '../testing/store-helpers'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {FileSource, MemorySource} from './byte-source'
import {decodeTraceBody} from './decode-trace-body'
import {decodeTraceFile} from './decode-trace-file'
import type {DecodedTrace} from './decoded-trace'
import {prefixHook} from './prefix'
import type {Prefix} from './prefix'
import {INDEXED_KEYS} from './skim-context'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
})
const scratch = (): string => {
  const dir = tempDir('kolo-file-decode-')
  dirs.push(dir)
  return dir
}

function expectSameTrace(a: DecodedTrace, b: DecodedTrace): void {
  expect([b.traceId, b.format, b.recovered, b.mainThreadKey, b.traceName]).toEqual([
    a.traceId,
    a.format,
    a.recovered,
    a.mainThreadKey,
    a.traceName,
  ])
  expect(b.threads.map(t => [t.key, t.name, t.records.length])).toEqual(
    a.threads.map(t => [t.key, t.name, t.records.length]),
  )
  a.threads.forEach((thread, k) => {
    const other = b.threads[k]!.records
    for (let i = 0; i < thread.records.length; i += 3) {
      for (const key of INDEXED_KEYS) expect(other.get(i, key)).toBe(thread.records.get(i, key))
      expect(other.frameKey(i)).toBe(thread.records.frameKey(i))
      expect(other.full(i)).toEqual(thread.records.full(i))
    }
  })
}

const raw = path.join(FIXTURES, 'bookshelf-v3', '.kolo', '.internal', 'raw')
const containers = [
  ...fs.readdirSync(raw).map(name => path.join(raw, name)),
  path.join(FIXTURES, 'files', '500-import.kolo'),
  path.join(FIXTURES, 'files', 'crashed-writer.kolo'),
]

describe('decodeTraceFile', () => {
  it('streams every fixture container to the same records as reading it whole', () => {
    for (const file of containers) {
      const whole = decodeTraceBody(fs.readFileSync(file), {source: file})
      const streamed = decodeTraceFile(file, {source: file})
      expect(streamed.streamed).toBe(true)
      expect(streamed.reader).toBeInstanceOf(FileSource)
      expectSameTrace(whole, streamed.decoded)
      streamed.reader.close()
    }
  })

  it('keeps what survives of a torn container, marked recovered', () => {
    const file = path.join(FIXTURES, 'files', 'crashed-writer.kolo')
    const {decoded, reader} = decodeTraceFile(file, {source: file})
    expect(decoded.recovered).toBe(true)
    expect(decoded.threads.reduce((n, t) => n + t.records.length, 0)).toBe(4140)
    reader.close()
  })

  it('reads other files whole, and reads back from the file unless it is gzipped', () => {
    const dump = path.join(FIXTURES, 'files', 'book-list-dump.msgpack')
    const plain = decodeTraceFile(dump, {source: dump})
    expect([plain.streamed, plain.reader instanceof FileSource]).toEqual([false, true])
    const zipped = path.join(scratch(), 'dump.msgpack.gz')
    fs.writeFileSync(zipped, gzipSync(fs.readFileSync(dump)))
    const inflated = decodeTraceFile(zipped, {source: zipped})
    expect(inflated.reader).toBeInstanceOf(MemorySource)
    expectSameTrace(plain.decoded, inflated.decoded)
    plain.reader.close()
  })

  it('offers the main thread’s first records while a big container streams', () => {
    const trace = decodeExact(syntheticC2Trace({records: 30_000, threads: 1})) as Map<
      string,
      unknown
    >
    const file = path.join(scratch(), 'big.kolo')
    fs.writeFileSync(file, writeKoloContainer(trace, {chunkBytes: 64 * 1024}))
    const seen: Prefix[] = []
    const bytes: number[] = []
    const {decoded, reader} = decodeTraceFile(file, {
      source: file,
      onBytes: read => bytes.push(read),
      prefix: prefixHook({
        records: 5000,
        wants: part => part.key === part.top.get('current_thread_id'),
        onPrefix: prefix => seen.push(prefix),
      }),
    })
    expect(seen).toHaveLength(1)
    const prefix = seen[0]!
    const first = prefix.decoded.threads[0]!.records
    expect(first.length).toBeGreaterThanOrEqual(5000)
    expect(first.length).toBeLessThan(30_000)
    expect(prefix.recordsTotal).toBe(30_000)
    expect(bytes.length).toBeGreaterThan(10)
    expect(bytes).toEqual([...bytes].sort((x, y) => x - y))

    // The preview's rows are the whole tree's first rows.
    const whole = buildTraceModel(decoded).model
    const preview = buildTraceModel(prefix.decoded, {partial: {recordsTotal: 30_000}}).model
    expect(preview.meta.partial).toEqual({recordsRead: first.length, recordsTotal: 30_000})
    expect(preview.nodeCount).toBeGreaterThan(1000)
    for (let row = 0; row < 1000; row++) {
      expect([preview.kind[row], preview.depth[row], preview.startNs[row]]).toEqual([
        whole.kind[row],
        whole.depth[row],
        whole.startNs[row],
      ])
    }
    expect(preview.meta.name).toBe(whole.meta.name)
    reader.close()
  })
})
