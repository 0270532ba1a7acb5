/** A duration in ns as a short human figure: "850 ns", "12.3 µs", "4.56 ms", "1.20 s", "2m 05s". */
export function formatDurationNs(ns: number): string {
  if (!Number.isFinite(ns) || ns < 0) return '–'
  if (ns < 1_000) return `${Math.round(ns)} ns`
  if (ns < 1_000_000) return `${trim(ns / 1_000)} µs`
  if (ns < 1_000_000_000) return `${trim(ns / 1_000_000)} ms`
  const s = ns / 1_000_000_000
  if (s < 60) return `${trim(s)} s`
  const m = Math.floor(s / 60)
  return `${m}m ${String(Math.round(s - m * 60)).padStart(2, '0')}s`
}

/** A duration in ms, as formatDurationNs does. */
export function formatDurationMs(ms: number): string {
  return formatDurationNs(ms * 1_000_000)
}

// Three significant figures: "1.23", "12.3", "123".
function trim(v: number): string {
  if (v >= 100) return v.toFixed(0)
  if (v >= 10) return v.toFixed(1)
  return v.toFixed(2)
}

/** A byte count: "512 B", "12.3 KB", "4.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${trim(bytes / 1024)} KB`
  if (bytes < 1024 ** 3) return `${trim(bytes / 1024 ** 2)} MB`
  return `${trim(bytes / 1024 ** 3)} GB`
}

/** A count with thousands separators: "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** How long ago an ISO time or epoch-ms was, relative to `nowMs`: "now", "5m", "3h", "2d", "2024-01-03". */
export function formatAge(when: string | number, nowMs: number = Date.now()): string {
  const t = typeof when === 'number' ? when : Date.parse(when)
  if (Number.isNaN(t)) return ''
  const s = Math.max(0, (nowMs - t) / 1000)
  if (s < 45) return 'now'
  if (s < 3600) return `${Math.round(s / 60)}m ago`
  if (s < 86_400) return `${Math.round(s / 3600)}h ago`
  if (s < 86_400 * 30) return `${Math.round(s / 86_400)}d ago`
  return new Date(t).toISOString().slice(0, 10)
}

/** A local date and time for tooltips: "2024-01-03 14:05:09". */
export function formatLocalTime(when: string | number): string {
  const d = new Date(when)
  if (Number.isNaN(d.getTime())) return ''
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

/** The last segment of a path: "views.py" for "app/books/views.py". */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  return i < 0 ? path : path.slice(i + 1)
}

/** What a project's store is, in words: "Kolo 2.40.0", "Kolo 3.x", "trace file". */
export function formatLabel(format: string, koloVersion: string | undefined): string {
  if (koloVersion !== undefined) return `Kolo ${koloVersion}`
  if (format === 'kolo-2') return 'Kolo 2.x'
  if (format === 'kolo-3') return 'Kolo 3.x'
  if (format === 'file') return 'trace file'
  return 'no store'
}
