import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {encodeModel} from '../../../shared/api/model-codec'
import {decodeTraceBody} from '../decode/decode-trace-body'
import type {SplitSkim} from '../decode/skim-split'
import {buildTraceModel} from '../model/build-trace'
import {tempDir} from '../testing/store-helpers'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {SkimHelper, skimHelperBeside} from './skim-helper'
import {bundleWorker} from '../testing/bundle-worker'

const here = path.dirname(fileURLToPath(import.meta.url))
const dir = tempDir('kolo-skim-helper-')
const helperFile = path.join(dir, 'skim-helper.js')
const helpers: SkimHelper[] = []

// The helper thread runs built JavaScript: bundle its entry as scripts/build.mjs does.
beforeAll(async () => {
  await bundleWorker(path.join(here, 'skim-helper-main.ts'), helperFile)
})
afterAll(async () => {
  await Promise.all(helpers.map(h => h.close()))
  fs.rmSync(dir, {recursive: true, force: true})
})

const helper = (): SkimHelper => {
  const made = new SkimHelper(helperFile)
  helpers.push(made)
  return made
}

/** A body on shared memory, as a blob read for a split skim is. */
function sharedBody(records: number): Uint8Array {
  const bytes = syntheticC2Trace({records})
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.length))
  shared.set(bytes)
  return shared
}

const modelOf = (bytes: Uint8Array, split?: SplitSkim): Buffer => {
  const decoded = decodeTraceBody(bytes, {source: 'test', split})
  return Buffer.from(encodeModel(buildTraceModel(decoded).model))
}

describe('the skim helper thread', () => {
  const body = sharedBody(210_000)
  const alone = modelOf(body)

  it('skims the second half of a long list on its thread: the same model', () => {
    const h = helper()
    let joined = 0
    const split: SplitSkim = (bytes, first, rows) => {
      const s = h.split(bytes, first, rows)
      return s && {at: s.at, join: () => (joined++, s.join()), cancel: () => s.cancel()}
    }
    expect(Buffer.compare(modelOf(body, split), alone)).toBe(0)
    expect(joined).toBe(1)
    // Again, on the same thread: a helper serves one load after another.
    expect(Buffer.compare(modelOf(body, split), alone)).toBe(0)
    expect(joined).toBe(2)
  })

  it('is stopped and ignored when the guess was wrong', () => {
    const h = helper()
    let cancelled = 0
    const wrong: SplitSkim = (bytes, first, rows) => {
      const s = h.split(bytes, first, rows)
      return s && {at: s.at + 1, join: () => s.join(), cancel: () => (cancelled++, s.cancel())}
    }
    expect(Buffer.compare(modelOf(body, wrong), alone)).toBe(0)
    expect(cancelled).toBe(1)
  })

  it('declines bytes other threads cannot see, and a helper that is gone', async () => {
    const h = helper()
    const unshared = Uint8Array.from(body)
    let offered = 0
    const count: SplitSkim = (bytes, first, rows) => {
      const s = h.split(bytes, first, rows)
      if (s) offered++
      return s
    }
    expect(Buffer.compare(modelOf(unshared, count), alone)).toBe(0)
    expect(offered).toBe(0)
    await h.close()
    expect(Buffer.compare(modelOf(body, count), alone)).toBe(0)
    expect(offered).toBe(0)
  })

  it('is found beside a built trace worker, and not where there is none', () => {
    const beside = skimHelperBeside(new URL(`file://${path.join(dir, 'trace-worker.js')}`))
    expect(beside).toBeInstanceOf(SkimHelper)
    if (beside) helpers.push(beside)
    expect(skimHelperBeside(new URL(`file://${path.join(dir, 'none', 'trace-worker.js')}`))).toBe(
      undefined,
    )
  })
})
