import {describe, expect, it} from 'vitest'
import type {TraceModel} from '../../../shared/model/trace-model'
import {buildTraceModel} from './build-trace'
import {fakeTrace} from '../testing/fake-trace'
import {nodeDetails} from './node-details'

// A small deterministic PRNG (mulberry32), so a failure names a reproducible seed.
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const types = [
  'frame',
  'django_request',
  'django_response',
  'start_sql_query',
  'end_sql_query',
  'outbound_http_request',
  'outbound_http_response',
  'django_template_start',
  'django_template_end',
  'log_message',
  'exception',
  'background_job',
  'background_job_end',
  'start_test',
  'end_test',
  'django_setup_start',
  'django_setup_end',
  'subtree_flushed',
  'my_plugin',
  undefined,
]
const events = ['call', 'return', 'resume', 'yield', 'unwind', 'throw', 'line', undefined]

function randomRecords(seed: number, n: number): object[] {
  const r = rng(seed)
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!
  const ids = Array.from({length: 12}, (_, i) => `frm_${i}`)
  const records: object[] = []
  let t = 100
  for (let i = 0; i < n; i++) {
    const type = pick(types)
    const rec: Record<string, unknown> = {type, frame_id: r() < 0.95 ? pick(ids) : undefined}
    if (r() < 0.97) rec.timestamp = t += r() * 0.01
    if (type === 'frame') {
      rec.event = pick(events)
      rec.path = r() < 0.9 ? `${pick(['app', '../lib', '/usr'])}/m.py:${Math.floor(r() * 50)}` : 7
      rec.co_name = pick(['f', '<module>', 'g'])
      rec.qualname = pick(['a.f', null, 'urllib3.connectionpool.HTTPConnectionPool.urlopen'])
      rec.locals = r() < 0.5 ? {x: i} : null
      rec.arg = i
    }
    if (type === 'end_sql_query') rec.query = r() < 0.8 ? 'SELECT 1' : null
    if (type === 'exception') {
      rec.exception_summary = r() < 0.8 ? ['E: x\n'] : 5
      rec.exception_frames = [{path: 'app/m.py:3', co_name: 'f'}, 'junk', {path: 9}]
    }
    if (type?.startsWith('outbound')) rec.subtype = pick(['requests', 'urllib3', 'httpx'])
    if (type === 'log_message') rec.msg = pick(['m', 3, null, {a: 1}, ['x']])
    if (r() < 0.3) rec.user_code_call_site = {call_frame_id: pick(ids), line_number: 3}
    records.push(rec)
  }
  return records
}

function checkInvariants(model: TraceModel): void {
  const n = model.nodeCount
  for (let i = 0; i < n; i++) {
    const p = model.parent[i]!
    expect(p).toBeLessThan(i)
    if (p >= 0) {
      expect(model.depth[i]).toBe(model.depth[p]! + 1)
      expect(i + model.size[i]!).toBeLessThanOrEqual(p + model.size[p]!)
    } else {
      expect(model.depth[i]).toBe(0)
    }
    expect(model.size[i]).toBeGreaterThanOrEqual(1)
    expect(model.endNs[i]).toBeGreaterThanOrEqual(model.startNs[i]!)
    expect(model.nameId[i]).toBeLessThan(model.strings.length)
    expect(model.fileId[i]).toBeLessThan(model.strings.length)
  }
  let roots = 0
  for (let i = 0; i < n; i += model.size[i]!) roots++
  expect(roots).toBe([...model.parent].filter(p => p === -1).length)
}

describe('fuzzed records', () => {
  it('never throw, keep the model consistent, and answer details for every node', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const trace = fakeTrace({
        main: randomRecords(seed, 120),
        other: randomRecords(seed + 1000, 30),
      })
      for (const thread of [undefined, '*']) {
        const built = buildTraceModel(trace, {thread})
        checkInvariants(built.model)
        for (let i = 0; i < built.model.nodeCount; i++) nodeDetails(built, i)
      }
    }
  })
})
