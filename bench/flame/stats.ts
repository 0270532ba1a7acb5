/** The value at quantile `q` (0–1) of `values`, by nearest rank; NaN for none. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]!
}

/** p50, p95 and max of some timings. */
export function summarize(values: readonly number[]): {p50: number; p95: number; max: number} {
  return {
    p50: percentile(values, 0.5),
    p95: percentile(values, 0.95),
    max: values.length === 0 ? NaN : Math.max(...values),
  }
}
