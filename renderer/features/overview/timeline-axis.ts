/** One labelled tick of the time axis. */
export interface Tick {
  /** Epoch ms. */
  atMs: number
  label: string
}

const second = 1000
const minute = 60 * second
const hour = 60 * minute
const day = 24 * hour

// Steps a clock reads naturally: 1-2-5 below a second, then whole seconds, minutes, hours, days.
const steps = [
  0.001,
  0.002,
  0.005,
  0.01,
  0.02,
  0.05,
  0.1,
  0.2,
  0.5,
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  second,
  2 * second,
  5 * second,
  10 * second,
  15 * second,
  30 * second,
  minute,
  2 * minute,
  5 * minute,
  10 * minute,
  15 * minute,
  30 * minute,
  hour,
  2 * hour,
  3 * hour,
  6 * hour,
  12 * hour,
  day,
  2 * day,
  7 * day,
  14 * day,
  30 * day,
  90 * day,
  365 * day,
]

/** The smallest step whose ticks are at least `minGapPx` apart at `msPerPx`. */
export function tickStep(msPerPx: number, minGapPx: number): number {
  const wanted = msPerPx * minGapPx
  return steps.find(s => s >= wanted) ?? steps[steps.length - 1]!
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * A tick's label at `stepMs`, in local time: the date for day steps, HH:MM for minutes,
 * HH:MM:SS for seconds, and HH:MM:SS with as many decimals as the step needs below a second.
 */
export function tickLabel(atMs: number, stepMs: number): string {
  const d = new Date(atMs)
  if (stepMs >= day) return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  if (stepMs >= minute) return hm
  if (stepMs >= second) return `${hm}:${pad(d.getSeconds())}`
  const decimals = stepMs >= 100 ? 1 : stepMs >= 10 ? 2 : stepMs >= 1 ? 3 : 6
  // Sub-millisecond fractions come from the epoch value itself (Date keeps whole ms).
  const secondsIn = (((atMs % minute) + minute) % minute) / second
  return `${hm}:${secondsIn.toFixed(decimals).padStart(3 + decimals, '0')}`
}

/**
 * Ticks between `fromMs` and `toMs` (epoch ms) on an axis `widthPx` wide, at least `minGapPx`
 * apart, aligned to the step in local time (so minutes fall on :00 seconds).
 */
export function timeTicks(fromMs: number, toMs: number, widthPx: number, minGapPx = 110): Tick[] {
  if (!(toMs > fromMs) || widthPx <= 0) return []
  const step = tickStep((toMs - fromMs) / widthPx, minGapPx)
  // Align to local midnight for steps of an hour and more, so 6 h ticks read 00:00, 06:00…
  const offsetMs = step >= hour ? new Date(fromMs).getTimezoneOffset() * minute : 0
  let at = Math.ceil((fromMs - offsetMs) / step) * step + offsetMs
  const ticks: Tick[] = []
  for (; at <= toMs && ticks.length < 1000; at += step) {
    ticks.push({atMs: at, label: tickLabel(at, step)})
  }
  return ticks
}

/** A duration in ms as the axis and tooltips say it: "850 µs", "12.3 ms", "4.56 s", "2m 05s". */
export function spanLabel(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`
  if (ms < second) return `${ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0)} ms`
  if (ms < minute) return `${(ms / second).toFixed(2)} s`
  if (ms < hour) {
    const m = Math.floor(ms / minute)
    return `${m}m ${pad(Math.round((ms - m * minute) / second))}s`
  }
  if (ms < day) return `${Math.floor(ms / hour)}h ${pad(Math.round((ms % hour) / minute))}m`
  return `${Math.floor(ms / day)}d ${Math.round((ms % day) / hour)}h`
}
