/** How much of one trace the index keeps: what bounds its size on disk and in memory. */
export interface IndexCaps {
  /** The last calls kept per function per trace (with value previews). */
  callsPerFunction: number
  /** Calls kept per trace in all; per-function caps shrink evenly to fit. */
  callsPerTrace: number
  /** Functions kept per trace (by total time) and distinct file:line pairs kept per trace. */
  functionsPerTrace: number
  linesPerTrace: number
  /** SQL queries per trace whose rows are counted (each costs decoding its record). */
  rowCountQueries: number
}

/**
 * The caps the index uses unless told otherwise.
 *
 * 20 calls per function per trace keep a history's first page within the newest trace and give
 * the outlier window (200 calls) at least ten traces. On the benchmark project (400 calls a
 * trace, hot loops) 50 instead of 20 doubles the index (~90 instead of ~45 bytes per traced call).
 */
export const defaultCaps: IndexCaps = {
  callsPerFunction: 20,
  callsPerTrace: 1000,
  functionsPerTrace: 20_000,
  linesPerTrace: 50_000,
  rowCountQueries: 2000,
}
