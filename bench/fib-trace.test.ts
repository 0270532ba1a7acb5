import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeTraceBody} from '../main/node/decode'
import {decodeExact} from '../main/node/testing/exact-decoder'
import {buildTraceModel} from '../main/node/model/build-trace'
import {writeFibTrace} from './fib-trace'

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
