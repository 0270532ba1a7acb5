import {describe, expect, it} from 'vitest'
import type {TraceModel} from '../model/trace-model'
import {alignTraces} from './align-trees'
import {EditKind} from './alignment'
import {outlineModel} from './testing/outline-model'
import {changeEntries, unifiedTree} from './unified-tree'

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let t = seed >>> 0
  return () => {
    t = (t + 0x6d2b79f5) >>> 0
    let r = Math.imul(t ^ (t >>> 15), 1 | t)
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r)
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296
  }
}

interface Node {
  name: string
  children: Node[]
}

function randomTree(rand: () => number, depth: number): Node[] {
  const count = depth > 4 ? 0 : Math.floor(rand() * (depth === 0 ? 3 : 5))
  return Array.from({length: count}, () => ({
    name: `f${Math.floor(rand() * 6)}`,
    children: randomTree(rand, depth + 1),
  }))
}

/** A copy with random edits: nodes dropped, inserted, renamed, moved to another parent. */
function mutate(rand: () => number, nodes: Node[], pool: Node[]): Node[] {
  const out: Node[] = []
  for (const node of nodes) {
    const roll = rand()
    if (roll < 0.08) {
      pool.push(node)
      continue
    }
    if (roll < 0.12 && pool.length > 0) out.push(pool.pop()!)
    if (roll < 0.18) out.push({name: `g${Math.floor(rand() * 3)}`, children: []})
    const name = roll > 0.95 ? `${node.name}x` : node.name
    out.push({name, children: mutate(rand, node.children, pool)})
  }
  return out
}

function model(roots: Node[]): TraceModel {
  const lines: string[] = []
  const visit = (node: Node, depth: number): void => {
    lines.push(`${'  '.repeat(depth)}frame ${node.name}`)
    node.children.forEach(c => visit(c, depth + 1))
  }
  visit({name: 'root', children: roots}, 0)
  return outlineModel(lines.join('\n'))
}

describe('unifiedTree on random edits', () => {
  it('shows every row once, keeps parents matched, and lists only what differs', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = random(seed)
      const before = randomTree(rand, 0)
      const a = model(before)
      const b = model(mutate(rand, before, []))
      const alignment = alignTraces(a, b)
      const {aToB, bToA, editA, editB} = alignment
      for (let x = 0; x < a.nodeCount; x++) {
        const y = aToB[x]!
        if (y < 0) continue
        expect(bToA[y], `seed ${seed}`).toBe(x)
        expect(b.strings[b.nameId[y]!]).toBe(a.strings[a.nameId[x]!])
        // A matched row that did not move has its parent matched to its counterpart's parent.
        if (editA[x] !== EditKind.moved && x > 0) expect(aToB[a.parent[x]!]).toBe(b.parent[y])
      }
      const tree = unifiedTree(alignment, a, b)
      const seenA = new Uint8Array(a.nodeCount)
      const seenB = new Uint8Array(b.nodeCount)
      for (let k = 0; k < tree.count; k++) {
        const x = tree.rowA[k]!
        const y = tree.rowB[k]!
        // Each row sits at its own depth: B rows as in B, removed rows as in A.
        if (y >= 0) expect(tree.depth[k]).toBe(b.depth[y])
        else expect(tree.depth[k]).toBe(a.depth[x])
        if (y >= 0) seenB[y]!++
        // A ghost marks where a moved row was; the row itself is counted where it went.
        if (x >= 0 && y < 0 && editA[x] === EditKind.moved) continue
        if (x >= 0) seenA[x]!++
        if (k > 0) expect(tree.depth[k]!).toBeLessThanOrEqual(tree.depth[k - 1]! + 1)
      }
      expect(
        Array.from(seenA).every(n => n === 1),
        `seed ${seed}: A rows`,
      ).toBe(true)
      expect(
        Array.from(seenB).every(n => n === 1),
        `seed ${seed}: B rows`,
      ).toBe(true)
      for (const k of changeEntries(tree, alignment)) {
        const x = tree.rowA[k]!
        const y = tree.rowB[k]!
        const edit = y >= 0 ? editB[y] : editA[x]
        const below = (x >= 0 ? alignment.flagsA[x]! : 0) | (y >= 0 ? alignment.flagsB[y]! : 0)
        expect(edit !== EditKind.same || below !== 0).toBe(true)
      }
    }
  })
})

describe('changeEntries', () => {
  it('keeps the parents of a row removed from A, whose B side saw no change below', () => {
    const a = outlineModel(`
      request GET /
        frame shop.views.index
          frame shop.views.audit
          sql SELECT 1
    `)
    const b = outlineModel(`
      request GET /
        frame shop.views.index
          sql SELECT 1
    `)
    const alignment = alignTraces(a, b)
    const tree = unifiedTree(alignment, a, b)
    const kept = Array.from(changeEntries(tree, alignment))
    const names = kept.map(k => {
      const y = tree.rowB[k]!
      return y >= 0 ? b.strings[b.nameId[y]!] : a.strings[a.nameId[tree.rowA[k]!]!]
    })
    expect(names).toEqual(['GET /', 'shop.views.index', 'shop.views.audit'])
    // Every kept entry below the top has its parent kept just before it in the walk.
    kept.forEach((k, i) => {
      if (i > 0) expect(tree.depth[k]!).toBeLessThanOrEqual(tree.depth[kept[i - 1]!]! + 1)
    })
  })
})
