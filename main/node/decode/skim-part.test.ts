import {describe, expect, it} from 'vitest'
import {encodeModel} from '../../../shared/api/model-codec'
import {buildTraceModel} from '../model/build-trace'
import {syntheticC2Trace} from '../kolo-writer/synthetic-c2'
import {decodeTraceBody} from './decode-trace-body'
import {firstListStart, skimPart} from './skim-part'
import {guessBoundary, partBuffers} from './skim-split'
import type {SkimSplit, SplitSkim} from './skim-split'

const body = syntheticC2Trace({records: 220_000, threads: 1})

/** The framed model of `bytes` decoded with `split`, and how each split ended. */
function modelWith(bytes: Uint8Array, split?: SplitSkim): Uint8Array {
  const decoded = decodeTraceBody(bytes, {source: 'test', split})
  return new Uint8Array(encodeModel(buildTraceModel(decoded).model))
}

/** A split that skims the part here, when joined (what the helper thread does, in order). */
function inline(log: string[], at?: (bytes: Uint8Array, first: number) => number): SplitSkim {
  return (bytes, first, rows) => {
    const guess = at ? at(bytes, first) : guessBoundary(bytes, first)
    if (guess < 0) return undefined
    const split: SkimSplit = {
      at: guess,
      join() {
        log.push('join')
        return skimPart(bytes, guess, rows, () => false)
      },
      cancel() {
        log.push('cancel')
      },
    }
    return split
  }
}

describe('skimming a long list on two threads', () => {
  const whole = modelWith(body)

  it('builds the same model from two halves as from one pass', () => {
    const log: string[] = []
    expect(Buffer.compare(modelWith(body, inline(log)), whole)).toBe(0)
    // The main thread's list was split once; the other thread's 22,000 records were not.
    expect(log).toEqual(['join'])
  })

  it('skims on alone when the guess is not a record boundary', () => {
    const log: string[] = []
    const inside = (bytes: Uint8Array, first: number) => guessBoundary(bytes, first) + 3
    expect(Buffer.compare(modelWith(body, inline(log, inside)), whole)).toBe(0)
    expect(log).toEqual(['cancel'])
  })

  it('skims on alone when the other thread fails or comes back short', () => {
    const short: SplitSkim = (bytes, first, rows) => {
      const at = guessBoundary(bytes, first)
      return {
        at,
        join: () => skimPart(bytes, at, Math.floor(rows / 10), () => false),
        cancel: () => undefined,
      }
    }
    expect(Buffer.compare(modelWith(body, short), whole)).toBe(0)
    const failed: SplitSkim = (bytes, first) => ({
      at: guessBoundary(bytes, first),
      join: () => undefined,
      cancel: () => undefined,
    })
    expect(Buffer.compare(modelWith(body, failed), whole)).toBe(0)
  })

  it('stops the other thread when asked, and hands its arrays over without copies', () => {
    const first = firstListStart(body)
    const at = guessBoundary(body, first)
    expect(at).toBeGreaterThan(first)
    let asked = 0
    const part = skimPart(body, at, 1_000_000, () => ++asked > 2)
    expect(part.rows).toBe(3 * 4096 - 1)
    expect(partBuffers(part).length).toBeGreaterThan(4)
    // Past the list's end the helper stops at the first thing that is not a record.
    const all = skimPart(body, at, 1_000_000, () => false)
    expect(all.rows).toBeGreaterThan(50_000)
    expect(all.rows).toBeLessThan(220_000)
  })
})
