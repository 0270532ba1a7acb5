import type Database from 'better-sqlite3'
import {getMeta, setMeta} from './index-file'
import {overviewData} from './overview-queries'
import type {Statements} from './statements'

/** The overview's data: the timeline and the endpoint table. */
export type OverviewData = ReturnType<typeof overviewData>

/**
 * The overview, computed once per index generation (every write moves it on), kept in memory
 * and, when asked, in the index itself, so a reopened project shows its overview without
 * reading every item again: a reopen parses one JSON value instead of ~5,000 rows.
 *
 * The returned data is shared: callers must not change it.
 */
export class OverviewCache {
  private memory: {generation: string; data: OverviewData} | undefined

  /** The overview of the index as it is now; `persist` stores a newly computed one in `meta`. */
  get(db: Database.Database, s: Statements, persist: boolean): OverviewData {
    // One read transaction: the generation and the rows come from the same snapshot.
    return db.transaction(() => {
      const generation = getMeta(db, 'generation') ?? '0'
      if (this.memory?.generation === generation) return this.memory.data
      let data = getMeta(db, 'overview_generation') === generation ? stored(db) : undefined
      if (!data) {
        data = overviewData(s)
        if (persist) {
          setMeta(db, 'overview', JSON.stringify(data))
          setMeta(db, 'overview_generation', generation)
        }
      }
      this.memory = {generation, data}
      return data
    })()
  }

  /** Forget the one in memory (the index was replaced). */
  clear(): void {
    this.memory = undefined
  }
}

function stored(db: Database.Database): OverviewData | undefined {
  try {
    const json = getMeta(db, 'overview')
    return json === undefined ? undefined : (JSON.parse(json) as OverviewData)
  } catch {
    return undefined
  }
}
