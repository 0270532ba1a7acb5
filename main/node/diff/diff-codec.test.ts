import {describe, expect, it} from 'vitest'
import {decodeTraceDiff, encodeTraceDiff} from '../../../shared/diff/diff-codec'
import {builtSource} from './built-source'
import {diffTraces} from './diff-traces'
import {buildRecorded} from './testing/recorded-trace'
import {shopTrace} from './testing/shop-trace'

describe('encodeTraceDiff', () => {
  it('frames a diff as one buffer and views it back whole', async () => {
    const a = buildRecorded(shopTrace({}, 1))
    const b = buildRecorded(shopTrace({items: 4, audit: false}, 2))
    const diff = await diffTraces(builtSource(a), builtSource(b))
    const buffer = encodeTraceDiff(diff)
    const back = decodeTraceDiff(structuredClone(buffer))
    expect(back.summary).toEqual(diff.summary)
    expect(back.edits).toEqual(diff.edits)
    expect(back.sql).toEqual(diff.sql)
    expect(back.calls).toEqual(diff.calls)
    expect(back.alignment.stats).toEqual(diff.alignment.stats)
    expect(Array.from(back.alignment.aToB)).toEqual(Array.from(diff.alignment.aToB))
    expect(Array.from(back.alignment.editB)).toEqual(Array.from(diff.alignment.editB))
    expect(back.tree.count).toBe(diff.tree.count)
    expect(Array.from(back.tree.depth)).toEqual(Array.from(diff.tree.depth))
    expect(() => decodeTraceDiff(new ArrayBuffer(4))).toThrow(/not a framed trace diff/)
  })
})
