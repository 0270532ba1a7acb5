import {rebuildCell} from './cell-values'
import type {GenCore} from './gen-context'
import type {PyLit} from './py-literal'
import {parseIsoDateTime} from './py-literal'
import type {WriteOp} from './rows'

/** How the test treats the clock. */
export interface ClockPlan {
  /** The instant `django.utils.timezone.now` is frozen at, as a datetime value. */
  frozen?: PyLit
  /** `table.column` values the clock set: asserted equal to the frozen instant. */
  frozenColumns: Set<string>
  /** Whether a written datetime looks like "now" but no auto_now field explains it. */
  isClockLike(value: PyLit): boolean
}

/**
 * Decides whether to freeze time: when the target wrote an auto_now/auto_now_add DateTimeField
 * (Django sets those from `timezone.now()`), the clock is frozen at the first such value, so the
 * rows the test checks hold exactly what the trace recorded.
 *
 * A datetime that lies within the target's time window but comes from another source (a callable
 * default, `datetime.now()`) cannot be frozen this way: it is not asserted, and the report says so.
 */
export function planClock(
  writes: readonly WriteOp[],
  windowMs: [number, number],
  g: GenCore,
): ClockPlan {
  let frozen: PyLit | undefined
  const frozenColumns = new Set<string>()
  for (const op of writes) {
    for (const [column, raw] of op.values) {
      const field = g.index.field(op.table, column)
      if (field?.kind !== 'datetime' || !(field.autoNow || field.autoNowAdd)) continue
      const value = rebuildCell(raw, field, g.cell)
      if (value.t !== 'datetime') continue
      frozen ??= value
      frozenColumns.add(`${op.table}.${column}`)
    }
  }
  const [from, to] = windowMs
  const slackMs = 2000
  return {
    frozen,
    frozenColumns,
    isClockLike(value) {
      if (value.t !== 'datetime') return false
      const ms = epochMs(value.v)
      return ms !== undefined && ms >= from - slackMs && ms <= to + slackMs
    },
  }
}

/** Epoch ms of an ISO datetime (naive ones read as UTC, as SQLite stores them). */
export function epochMs(iso: string): number | undefined {
  const p = parseIsoDateTime(iso)
  if (!p) return undefined
  const [y, mo, d, h, mi, s, us] = p.parts as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  return Date.UTC(y, mo - 1, d, h, mi, s, us / 1000) - (p.offsetMinutes ?? 0) * 60_000
}
