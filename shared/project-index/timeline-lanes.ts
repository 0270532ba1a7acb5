/** An interval on a timeline: any time unit, `end >= start`. */
export interface Span {
  startMs: number
  endMs: number
}

/** Lanes for a timeline: `lane[i]` is item i's lane (0 = top); `laneCount` lanes in all. */
export interface LaneLayout {
  lane: Uint32Array
  laneCount: number
}

/**
 * Put spans that overlap in time on separate lanes, using as few lanes as possible.
 *
 * Greedy interval partitioning in start order: each span takes the lowest-numbered lane that is
 * free at its start (free: the lane's last span ended at least `gapMs` before), so bars stay near
 * the top and a long span does not push every later one down. Optimal in lane count for gapMs 0
 * (the lanes needed equal the most spans open at one instant). O(n log n) with two heaps.
 */
export function assignLanes(spans: readonly Span[], gapMs = 0): LaneLayout {
  const n = spans.length
  const order = Array.from({length: n}, (_, i) => i)
  order.sort((a, b) => spans[a]!.startMs - spans[b]!.startMs || a - b)
  const lane = new Uint32Array(n)
  // Busy lanes by the time they become free; free lanes by number.
  const busy = new MinHeap<[number, number]>((x, y) => x[0] - y[0] || x[1] - y[1])
  const free = new MinHeap<number>((x, y) => x - y)
  let laneCount = 0
  for (const i of order) {
    const span = spans[i]!
    while (busy.size > 0 && busy.peek()![0] <= span.startMs) free.push(busy.pop()![1])
    const l = free.size > 0 ? free.pop()! : laneCount++
    lane[i] = l
    busy.push([Math.max(span.endMs, span.startMs) + gapMs, l])
  }
  return {lane, laneCount}
}

/** A binary min-heap. */
class MinHeap<T> {
  private readonly items: T[] = []

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length
  }

  peek(): T | undefined {
    return this.items[0]
  }

  push(item: T): void {
    const a = this.items
    a.push(item)
    let i = a.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (this.compare(a[i]!, a[p]!) >= 0) break
      ;[a[i], a[p]] = [a[p]!, a[i]!]
      i = p
    }
  }

  pop(): T | undefined {
    const a = this.items
    const top = a[0]
    const last = a.pop()
    if (a.length === 0 || last === undefined) return top
    a[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < a.length && this.compare(a[l]!, a[m]!) < 0) m = l
      if (r < a.length && this.compare(a[r]!, a[m]!) < 0) m = r
      if (m === i) break
      ;[a[i], a[m]] = [a[m]!, a[i]!]
      i = m
    }
    return top
  }
}
