import {gzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {ApiError} from '../../../shared/api/errors'
import {writeKoloContainer} from '../kolo-writer/kolo3-container'
import {encodeKolo} from '../kolo-writer/msgpack-writer'
import {decodeTraceBody} from './decode-trace-body'
import type {DecodedTrace} from './decoded-trace'
import {decodeMsgpack} from './msgpack-reader'
import {PyCollection, PyRepr} from './py-objects'
import {INDEXED_KEYS} from './skim-context'
import {fixtureFile} from '../testing/fixtures'
import {toPyValue} from './to-py-value'

/** A seeded PRNG (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Use a decoded trace the way the model and the details view do. */
function exercise(trace: DecodedTrace): void {
  for (const thread of trace.threads) {
    const n = Math.min(thread.records.length, 60)
    for (let i = 0; i < n; i++) {
      for (const key of INDEXED_KEYS) thread.records.get(i, key)
      thread.records.get(i, 'locals')
      thread.records.callSite(i)
      try {
        JSON.stringify(toPyValue(thread.records.full(i)))
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
      }
    }
  }
}

const outcomes = {decoded: 0, rejected: 0}

/** Decode must end in a DecodedTrace or an ApiError('bad-trace') naming the source. */
function attempt(bytes: Uint8Array, label: string): void {
  let trace: DecodedTrace
  try {
    trace = decodeTraceBody(bytes, {source: 'fuzz', maxInflatedBytes: 64 * 1024 * 1024})
  } catch (error) {
    if (
      !(error instanceof ApiError) ||
      error.code !== 'bad-trace' ||
      !error.message.startsWith('fuzz: ')
    ) {
      throw new Error(`${label}: ${String(error)}`, {cause: error})
    }
    outcomes.rejected++
    return
  }
  outcomes.decoded++
  exercise(trace)
}

const dump = fixtureFile('book-list-dump.msgpack')
const dumpMap = decodeMsgpack(dump) as Map<string, unknown>
const seeds: [string, Uint8Array][] = [
  ['c2', dump],
  ['v3', fixtureFile('500-import.kolo')],
  ['v3-refs', writeKoloContainer(dumpMap, {internValues: true, chunkBytes: 3000})],
  [
    'json',
    new TextEncoder().encode(
      JSON.stringify({
        trace_id: 'trc_x',
        meta: {version: '1.4'},
        request_id: 'inv_x',
        timestamp: '2021-06-01 12:00:00',
        frames_of_interest: [
          {
            id: 'frm_1',
            event: 'call',
            path: 'a.py:1',
            co_name: 'f',
            arg: 'null',
            locals: '{"a": 1}',
            timestamp: 1.5,
          },
        ],
        sql_queries_made: [{sql: 'SELECT 1'}],
      }),
    ),
  ],
  ['gzip', gzipSync(dump)],
]

describe('fuzz: every input ends in a DecodedTrace or an ApiError', () => {
  it('truncations at many points', () => {
    const rand = random(1)
    for (const [name, seed] of seeds) {
      const cuts = new Set([
        0,
        1,
        7,
        8,
        12,
        23,
        24,
        40,
        64,
        seed.length - 1,
        seed.length - 32,
        seed.length - 33,
      ])
      for (let i = 0; i < 60; i++) cuts.add(Math.floor(rand() * seed.length))
      for (const cut of cuts) {
        if (cut >= 0 && cut <= seed.length) attempt(seed.subarray(0, cut), `${name} cut ${cut}`)
      }
    }
  })

  it('bit flips and byte overwrites', () => {
    const rand = random(2)
    for (const [name, seed] of seeds) {
      for (let i = 0; i < 150; i++) {
        const bytes = new Uint8Array(seed)
        const flips = 1 + Math.floor(rand() * 3)
        for (let f = 0; f < flips; f++) {
          const at = Math.floor(rand() * bytes.length)
          bytes[at] =
            rand() < 0.5 ? bytes[at]! ^ (1 << Math.floor(rand() * 8)) : Math.floor(rand() * 256)
        }
        attempt(bytes, `${name} flip ${i}`)
      }
    }
    expect(outcomes.decoded).toBeGreaterThan(100)
    expect(outcomes.rejected).toBeGreaterThan(100)
  })

  it('wrong types at every level of a C2 trace and a JSON trace', () => {
    const wrong: unknown[] = [
      0,
      -1,
      'x',
      null,
      true,
      [],
      new Map(),
      [1, 2],
      new PyRepr('r'),
      new PyCollection('tuple', [1]),
      2n ** 70n,
      new Uint8Array(3),
      1.5,
    ]
    const threads = dumpMap.get('threads') as Map<string, Map<string, unknown>>
    const [threadKey, thread] = [...threads][0]!
    const frames = thread.get('frames') as Map<string, unknown>[]
    const places: [Map<unknown, unknown>, unknown][] = [
      ...[...dumpMap.keys()].map((k): [Map<unknown, unknown>, unknown] => [dumpMap, k]),
      [threads, threadKey],
      ...[...thread.keys()].map((k): [Map<unknown, unknown>, unknown] => [thread, k]),
      ...[...frames[1]!.keys()].map((k): [Map<unknown, unknown>, unknown] => [frames[1]!, k]),
      ...[...frames[2]!.keys()].map((k): [Map<unknown, unknown>, unknown] => [frames[2]!, k]),
    ]
    const rand = random(3)
    for (const [map, key] of places) {
      const saved = map.get(key)
      for (const value of wrong.filter(() => rand() < 0.4)) {
        map.set(key, value)
        const body = encodeKolo(dumpMap)
        attempt(body, `c2 ${String(key)}=${String(value)}`)
        if (map !== threads && rand() < 0.2) {
          attempt(writeKoloContainer(dumpMap), `v3 ${String(key)}`)
        }
      }
      map.set(key, saved)
    }
    for (let i = 0; i < 6; i++) {
      const saved = frames[i]
      for (const value of wrong.filter(() => rand() < 0.4)) {
        frames[i] = value as Map<string, unknown>
        attempt(encodeKolo(dumpMap), `record ${i}`)
      }
      frames[i] = saved!
    }
    const json = {
      trace_id: 't',
      meta: {use_frame_boundaries: true},
      frames_of_interest: [{type: 'frame', frame_id: 'f', timestamp: 1}],
    }
    for (const value of [0, 'x', null, [], {}, [1], {a: 1}]) {
      for (const patch of [
        {...json, frames_of_interest: value},
        {...json, meta: value},
        {...json, timestamp: value, trace_id: value},
        {...json, frames_of_interest: [value]},
        {
          ...json,
          frames_of_interest: [
            {type: value, frame_id: value, timestamp: value, locals: value, arg: value},
          ],
        },
        {
          ...json,
          request: value,
          response: value,
          queries_with_call_site: [value],
          api_requests_made: [value],
          exception: value,
        },
      ]) {
        attempt(
          new TextEncoder().encode(JSON.stringify(patch)),
          `json ${JSON.stringify(patch).slice(0, 80)}`,
        )
      }
    }
  })

  it('absurd lengths fail fast instead of allocating', () => {
    const start = performance.now()
    const huge = [0xff, 0xff, 0xff, 0xff]
    const topOf = (keyAndValue: number[]): Uint8Array => Uint8Array.from([0x81, ...keyAndValue])
    const key = (s: string): number[] => [0xa0 + s.length, ...new TextEncoder().encode(s)]
    const record = (value: number[]): number[] => [0x91, 0x81, ...key('msg'), ...value]
    const cases = [
      topOf([0xdb, ...huge, 0x41]), // str32 claiming 4 GB as a key
      topOf([...key('threads'), 0xdf, ...huge]), // map32 of 4G threads
      topOf([...key('frames_of_interest'), 0xdd, ...huge, 0x80]), // 4G records
      topOf([...key('frames_of_interest'), ...record([0xdb, ...huge, 0x41])]),
      topOf([...key('frames_of_interest'), ...record([0xc6, ...huge, 0x41])]), // bin32
      topOf([...key('frames_of_interest'), ...record([0xc9, ...huge, 0x06, 0x90])]), // ext32
      topOf([...key('frames_of_interest'), ...record([0xdd, ...huge])]),
      topOf([...key('meta'), 0xde, 0xff, 0xff]),
      Uint8Array.from([0xdf, ...huge]),
    ]
    for (const [i, bytes] of cases.entries()) attempt(bytes, `absurd ${i}`)
    // v3: a payload_len, a stored_len and a frame length of 4 GB.
    const v3 = new Uint8Array(fixtureFile('500-import.kolo'))
    for (const at of [16, 84 + 24, 84 + 28, 84 + 40]) {
      const bytes = new Uint8Array(v3)
      bytes.set(huge, at)
      attempt(bytes, `v3 absurd @${at}`)
    }
    expect(performance.now() - start).toBeLessThan(2000)
  })

  it('100k-deep nesting in a record, in ext 6 and in JSON', () => {
    const depth = 100_000
    const nested = new Uint8Array(depth + 1).fill(0x91)
    nested[depth] = 0xc0
    const prefix = [
      0x81,
      0xb2,
      ...new TextEncoder().encode('frames_of_interest'),
      0x91,
      0x82,
      0xa4,
      ...new TextEncoder().encode('type'),
      0xa5,
      ...new TextEncoder().encode('frame'),
      0xa6,
      ...new TextEncoder().encode('locals'),
    ]
    attempt(Uint8Array.from([...prefix, ...nested]), 'deep arrays')
    let ext = Uint8Array.from([0x90])
    for (let i = 0; i < 2000; i++) {
      const next = new Uint8Array(ext.length + 6)
      next.set([
        0xc9,
        (ext.length >>> 24) & 0xff,
        (ext.length >>> 16) & 0xff,
        (ext.length >>> 8) & 0xff,
        ext.length & 0xff,
        6,
      ])
      next.set(ext, 6)
      ext = next
    }
    attempt(Uint8Array.from([...prefix, ...ext]), 'deep ext 6')
    const json = `{"trace_id": "t", "frames_of_interest": [{"type": "frame", "locals": ${'['.repeat(depth)}${']'.repeat(depth)}}]}`
    attempt(new TextEncoder().encode(json), 'deep json')
  })

  it('50 MB strings are indexed lazily and cut on the wire', () => {
    const big = 'z'.repeat(50 * 1024 * 1024)
    const trace = new Map<string, unknown>([
      ['trace_id', 'trc_big'],
      [
        'frames_of_interest',
        [
          new Map<string, unknown>([
            ['type', 'log_message'],
            ['msg', big],
            ['content', 'c'],
          ]),
        ],
      ],
      ['frames', new Map()],
      ['main_thread_id', null],
    ])
    const body = encodeKolo(trace)
    const decoded = decodeTraceBody(body, {source: 'big'})
    const records = decoded.threads[0]!.records
    expect(records.get(0, 'type')).toBe('log_message')
    expect((records.get(0, 'msg') as string).length).toBe(big.length)
    const wire = toPyValue(records.full(0))
    expect(JSON.stringify(wire).length).toBeLessThan(300_000)
    const bomb = gzipSync(new Uint8Array(24 * 1024 * 1024), {level: 1})
    expect(() =>
      decodeTraceBody(bomb, {source: 'bomb', maxInflatedBytes: 16 * 1024 * 1024}),
    ).toThrow(/bomb: bad gzip data: inflates beyond/)
  })
})
