import type {TraceRef} from '../../shared/model/trace-ref'
import {traceKey} from '../../shared/model/trace-ref'

/** How one kind of resource is kept: how many at most, and what to do with one dropped. */
export interface KindPolicy<V> {
  /** Entries kept; beyond it the least recently used goes. */
  capacity: number
  /** Called for a settled value that leaves the cache (a worker to stop). */
  dispose?: (value: V) => void
}

interface Entry {
  trace: TraceRef
  promise: Promise<unknown>
  /** Set once the promise resolved: what `peek` returns. */
  value?: {v: unknown}
}

/**
 * The one cache of what the backend answered about traces, keyed by trace, kind and argument.
 *
 * Each kind (a model, a node's details, a file…) is a least-recently-used map of its own bound.
 * A request in flight is shared by everyone who asks; a failed one is forgotten, so the next ask
 * tries again. Entries go when their trace is dropped (deleted, its project closed) or their whole
 * kind is (sources after a path mapping changed). `onEvict` hears of every entry that leaves.
 */
export class ResourceCache<Kinds extends object> {
  private readonly maps = new Map<keyof Kinds, Map<string, Entry>>()

  constructor(
    private readonly policies: {[K in keyof Kinds]: KindPolicy<Kinds[K]>},
    private readonly onEvict?: (kind: keyof Kinds, trace: TraceRef) => void,
  ) {}

  /** The settled value of `kind` for a trace and argument, if the cache holds one. */
  peek<K extends keyof Kinds>(
    kind: K,
    trace: TraceRef,
    arg: string | number = '',
  ): Kinds[K] | undefined {
    const map = this.map(kind)
    const key = keyOf(trace, arg)
    const entry = map.get(key)
    if (!entry?.value) return undefined
    map.delete(key)
    map.set(key, entry)
    return entry.value.v as Kinds[K]
  }

  /** The value of `kind` for a trace and argument: cached, in flight, or asked of `load` now. */
  fetch<K extends keyof Kinds>(
    kind: K,
    trace: TraceRef,
    arg: string | number,
    load: () => Promise<Kinds[K]>,
  ): Promise<Kinds[K]> {
    const map = this.map(kind)
    const key = keyOf(trace, arg)
    const old = map.get(key)
    if (old) {
      map.delete(key)
      map.set(key, old)
      return old.promise as Promise<Kinds[K]>
    }
    const promise = load()
    const entry: Entry = {trace, promise}
    promise.then(
      value => {
        if (map.get(key) === entry) entry.value = {v: value}
        else this.policies[kind].dispose?.(value)
      },
      () => {
        if (map.get(key) === entry) map.delete(key)
      },
    )
    map.set(key, entry)
    this.trim(kind)
    return promise
  }

  /** Put a value that is already in hand. */
  put<K extends keyof Kinds>(
    kind: K,
    trace: TraceRef,
    arg: string | number,
    value: Kinds[K],
  ): void {
    const map = this.map(kind)
    const key = keyOf(trace, arg)
    const old = map.get(key)
    map.delete(key)
    if (old?.value && old.value.v !== value) this.drop(kind, old)
    map.set(key, {trace, promise: Promise.resolve(value), value: {v: value}})
    this.trim(kind)
  }

  /**
   * Drop every kind's entries of a trace (any thread of it): it was deleted or replaced. Without
   * `traceId`, every trace of the project (it was closed).
   */
  evictTrace(projectId: string, traceId?: string): void {
    for (const [kind, map] of this.maps) {
      for (const [key, entry] of map) {
        if (entry.trace.projectId !== projectId) continue
        if (traceId !== undefined && entry.trace.traceId !== traceId) continue
        map.delete(key)
        this.drop(kind, entry)
      }
    }
  }

  /** Drop one kind's entries of one trace (and thread). */
  evict(kind: keyof Kinds, trace: TraceRef): void {
    const map = this.map(kind)
    const prefix = `${traceKey(trace)}\u0000`
    for (const [key, entry] of map) {
      if (!key.startsWith(prefix)) continue
      map.delete(key)
      this.drop(kind, entry)
    }
  }

  /** Drop every entry of one kind (sources, after a path mapping changed). */
  evictKind(kind: keyof Kinds): void {
    const map = this.map(kind)
    const entries = [...map.values()]
    map.clear()
    for (const entry of entries) this.drop(kind, entry)
  }

  /** How many entries of `kind` the cache holds (settled or in flight). */
  size(kind: keyof Kinds): number {
    return this.map(kind).size
  }

  private map(kind: keyof Kinds): Map<string, Entry> {
    let map = this.maps.get(kind)
    if (!map) this.maps.set(kind, (map = new Map<string, Entry>()))
    return map
  }

  private trim(kind: keyof Kinds): void {
    const map = this.map(kind)
    const {capacity} = this.policies[kind]
    for (const [key, entry] of map) {
      if (map.size <= capacity) break
      map.delete(key)
      this.drop(kind, entry)
    }
  }

  private drop(kind: keyof Kinds, entry: Entry): void {
    if (entry.value) this.policies[kind].dispose?.(entry.value.v as Kinds[typeof kind])
    this.onEvict?.(kind, entry.trace)
  }
}

/** The key of one resource: the trace's key, then the argument (node id, file id, or ''). */
function keyOf(trace: TraceRef, arg: string | number): string {
  return `${traceKey(trace)}\u0000${arg}`
}
