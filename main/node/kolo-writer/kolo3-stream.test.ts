import fs from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {decodeExact} from '../testing/exact-decoder'
import {tempDir} from '../testing/store-helpers'
import {syntheticC2Trace} from './synthetic-c2'
import {METADATA_KEYS, writeKoloContainer} from './kolo3-container'
import {KoloContainerStream} from './kolo3-stream'
import {encodeKolo} from './msgpack-writer'

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, {recursive: true, force: true})
})

describe('KoloContainerStream', () => {
  it('writes the same bytes as the whole-trace writer, a frame at a time', () => {
    const trace = decodeExact(syntheticC2Trace({records: 5000, threads: 2})) as Map<string, unknown>
    const chunkBytes = 32 * 1024
    const expected = writeKoloContainer(trace, {chunkBytes})

    const dir = tempDir('kolo-stream-')
    dirs.push(dir)
    const file = path.join(dir, 'trace.kolo')
    const fd = fs.openSync(file, 'w')
    const stream = new KoloContainerStream(
      fd,
      {traceId: trace.get('trace_id') as string, timestamp: trace.get('timestamp') as number},
      chunkBytes,
    )
    const threads = [...(trace.get('threads') as Map<string, Map<string, unknown>>)]
    threads.forEach(([, thread], i) => {
      for (const frame of thread.get('frames') as unknown[]) stream.frame(i + 1, encodeKolo(frame))
      stream.endThread(i + 1)
    })
    stream.finish(
      threads.map(([key, thread]) => ({
        key,
        fields: new Map([...thread].filter(([k]) => k !== 'frames')),
      })),
      new Map(METADATA_KEYS.filter(k => trace.has(k)).map(k => [k, trace.get(k)])),
    )
    fs.closeSync(fd)
    expect(stream.bytes).toBe(expected.length)
    expect(fs.readFileSync(file).equals(Buffer.from(expected))).toBe(true)
  })
})
