import {formatDurationMs} from '../../components/format'

/** An SVG polyline's points for values over time, scaled into `widthPx` × `heightPx`. */
export function sparkPoints(
  series: readonly {startMs: number; durationMs: number}[],
  widthPx: number,
  heightPx: number,
): string {
  if (series.length === 0) return ''
  const t0 = series[0]!.startMs
  const t1 = series[series.length - 1]!.startMs
  const max = Math.max(...series.map(p => p.durationMs), 1e-9)
  const pad = 1.5
  return series
    .map(p => {
      const x =
        series.length === 1 || t1 === t0 ? widthPx / 2 : ((p.startMs - t0) / (t1 - t0)) * widthPx
      const y = heightPx - pad - (p.durationMs / max) * (heightPx - 2 * pad)
      return `${x.toFixed(1)},${y.toFixed(1)}`
    })
    .join(' ')
}

/**
 * Durations over time as a small line (oldest left), with the slowest point dotted. The title and
 * the accessible name say what it shows in numbers.
 */
export function Sparkline(props: {series: readonly {startMs: number; durationMs: number}[]}) {
  const w = 56
  const h = 18
  const {series} = props
  if (series.length === 0) return null
  const max = series.reduce((m, p) => (p.durationMs > m.durationMs ? p : m), series[0]!)
  const min = Math.min(...series.map(p => p.durationMs))
  const points = sparkPoints(series, w, h)
  const last = points.split(' ').at(-1)
  const slowest = points.split(' ')[series.indexOf(max)]
  const text = `duration over time: ${series.length} points from ${formatDurationMs(min)} to ${formatDurationMs(max.durationMs)}`
  return (
    <svg
      className="sparkline"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={text}
    >
      <title>{text}</title>
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.2" />
      {slowest && (
        <circle
          cx={slowest.split(',')[0]}
          cy={slowest.split(',')[1]}
          r="2"
          className="sparkline-max"
        />
      )}
      {last && series.length > 1 && (
        <circle cx={last.split(',')[0]} cy={last.split(',')[1]} r="1.5" fill="currentColor" />
      )}
    </svg>
  )
}
