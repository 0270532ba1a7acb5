import {describe, expect, it} from 'vitest'
import {decodeTraceBody} from './decode-trace-body'
import {MapRecordTable} from './map-table'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {toScalar} from './skim-table'

describe('SkimRecordTable on a synthetic 100k-record C2 body', () => {
  const body = syntheticC2Trace({records: 100_000, threads: 2})

  it('indexes every record, reports progress, and agrees with full decoding', () => {
    const progress: number[] = []
    const cpu = process.cpuUsage()
    const trace = decodeTraceBody(body, {source: 'synthetic', onProgress: n => progress.push(n)})
    const used = process.cpuUsage(cpu)
    const ms = (used.user + used.system) / 1000
    // A figure, not an assertion (timings on a shared machine are noise); bench/ owns the numbers.
    console.info(
      `skim: ${(body.length / 1e6).toFixed(1)} MB, 120k records in ${ms.toFixed(0)} ms cpu`,
    )
    expect(progress).toEqual([50_000, 100_000])
    expect(trace.mainThreadKey).toBe('native_1')
    expect(trace.threads.map(t => [t.key, t.name, t.records.length])).toEqual([
      ['native_1', 'MainThread', 100_000],
      ['native_2', 'Thread-1', 10_000],
      ['native_3', 'Thread-2', 10_000],
    ])
    const records = trace.threads[0]!.records
    for (let i = 0; i < records.length; i += 997) {
      const full = records.full(i)
      for (const [key, value] of full) expect(records.get(i, key as string)).toBe(toScalar(value))
      const site = full.get('user_code_call_site')
      const frameId: unknown = site instanceof Map ? site.get('call_frame_id') : undefined
      const expected = frameId === undefined ? undefined : {frameId, line: 5}
      expect(records.callSite(i)).toEqual(expected)
    }
    expect(records.get(-1, 'type')).toBeUndefined()
    expect(records.get(records.length, 'type')).toBeUndefined()
    expect(() => records.full(records.length)).toThrow(RangeError)
  })

  it('interns repeated strings: equal fields are the same string', () => {
    const records = decodeTraceBody(body.subarray(0), {source: 'synthetic'}).threads[0]!.records
    const ids = new Set<unknown>()
    for (let i = 0; i < 1000; i++) ids.add(records.get(i, 'frame_id'))
    expect(ids.size).toBeGreaterThan(300)
    expect(ids.size).toBeLessThan(1000)
  })
})

describe('MapRecordTable', () => {
  it('answers scalars, call sites and full records', () => {
    const site = new Map<string, unknown>([
      ['call_frame_id', 'frm_1'],
      ['line_number', 3],
    ])
    const table = new MapRecordTable([
      new Map<unknown, unknown>([
        ['type', 'frame'],
        ['timestamp', 1.5],
        ['locals', new Map()],
        ['n', 2n],
        ['user_code_call_site', site],
      ]),
    ])
    expect(table.get(0, 'type')).toBe('frame')
    expect(table.get(0, 'locals')).toBeUndefined()
    expect(table.get(0, 'n')).toBe(2)
    expect(table.get(1, 'type')).toBeUndefined()
    expect(table.callSite(0)).toEqual({frameId: 'frm_1', line: 3})
    expect(() => table.full(1)).toThrow(RangeError)
  })
})
