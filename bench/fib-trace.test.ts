import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeTraceBody} from '../main/node/decode'
import {decodeExact} from '../main/node/testing/exact-decoder'
import {buildTraceModel} from '../main/node/model/build-trace'
import {writeFibContainer, writeFibTrace} from './fib-trace'

const dir = mkdtempSync(path.join(tmpdir(), 'kolo-fib-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

describe('writeFibTrace', () => {
  it('streams a C2 trace of exactly 2 × calls records, balanced and in time order', () => {
    const file = path.join(dir, 'fib.msgpack')
    const written = writeFibTrace(file, 1234)
    const bytes = readFileSync(file)
    expect(bytes.length).toBe(written.bytes)
    const trace = decodeExact(bytes) as Map<string, unknown>
    expect([...trace.keys()][0]).toBe('command_line_args')
    expect(trace.get('trace_id')).toBe(written.traceId)
    const threads = trace.get('threads') as Map<string, Map<string, unknown>>
    const records = threads.get('native_4242')?.get('frames') as Map<string, unknown>[]
    expect(records).toHaveLength(2468)
    const open: unknown[] = []
    let last = 0
    for (const r of records) {
      expect(r.get('timestamp') as number).toBeGreaterThan(last)
      last = r.get('timestamp') as number
      if (r.get('event') === 'call') open.push(r.get('frame_id'))
      else expect(open.pop()).toBe(r.get('frame_id'))
    }
    expect(open).toEqual([])
  })

  it('builds into a model with one node per call', () => {
    const file = path.join(dir, 'fib-small.msgpack')
    writeFibTrace(file, 500)
    const decoded = decodeTraceBody(readFileSync(file), {source: file})
    expect(buildTraceModel(decoded).model.nodeCount).toBe(500)
  })
})

describe('writeFibContainer', () => {
  it('streams the same records as a v3 container', () => {
    const msgpack = path.join(dir, 'same.msgpack')
    const kolo = path.join(dir, 'same.kolo')
    const a = writeFibTrace(msgpack, 777, 5)
    const b = writeFibContainer(kolo, 777, 5)
    expect(b.traceId).toBe(a.traceId)
    const c2 = decodeTraceBody(readFileSync(msgpack), {source: msgpack})
    const v3 = decodeTraceBody(readFileSync(kolo), {source: kolo})
    expect(v3.format).toBe('kolo-v3')
    expect([v3.traceId, v3.traceName, v3.mainThreadKey]).toEqual([
      c2.traceId,
      c2.traceName,
      c2.mainThreadKey,
    ])
    const x = c2.threads[0]!.records
    const y = v3.threads[0]!.records
    expect(y.length).toBe(1554)
    for (let i = 0; i < x.length; i += 13) expect(y.full(i)).toEqual(x.full(i))
    expect(buildTraceModel(v3).model.nodeCount).toBe(777)
  })
})

describe('writeFibTrace variants', () => {
  it('adds probe calls and leaves out subtrees, keeping the call budget', () => {
    const plain = path.join(dir, 'plain.msgpack')
    const varied = path.join(dir, 'varied.msgpack')
    writeFibTrace(plain, 2000, 1)
    const written = writeFibTrace(varied, 2000, 2, undefined, {
      extraAt: [5, 40],
      dropAt: [10],
      topN: 12,
    })
    expect(written.records).toBe(2 * 2000 + 4)
    const model = buildTraceModel(decodeTraceBody(readFileSync(varied), {source: varied})).model
    const names = Array.from({length: model.nodeCount}, (_, i) => model.strings[model.nameId[i]!])
    expect(names.filter(n => n === 'bench_app.fib.memo_probe')).toHaveLength(2)
    expect(model.nodeCount).toBe(2002)
    // Rounds of fib(12) under main: many more children than fib(24) rounds would give.
    let roots = 0
    for (let c = 1; c < model.nodeCount; c += model.size[c]!) roots++
    expect(roots).toBeGreaterThan(4)
  })

  it('refuses an extra call that never runs', () => {
    expect(() =>
      writeFibTrace(path.join(dir, 'bad.msgpack'), 100, 1, undefined, {extraAt: [500]}),
    ).toThrow(/did not run/)
  })
})
