/** Small pure helpers over record fields, shared by the builder, details and summaries. */

/** `"<file>:<lineno>"` split at the last ':' (kolo-format.md §5); line 0 when there is none. */
export function splitPath(path: string): {file: string; line: number} {
  const colon = path.lastIndexOf(':')
  if (colon < 0) return {file: path, line: 0}
  const tail = path.slice(colon + 1)
  if (!/^\d+$/.test(tail)) return {file: path, line: 0}
  return {file: path.slice(0, colon), line: Number(tail)}
}

/** True for a file outside the project: absolute, climbing out with `../`, or an installed package. */
export function isLibraryPath(file: string): boolean {
  return (
    file.startsWith('/') ||
    file.startsWith('\\') ||
    /^[A-Za-z]:[\\/]/.test(file) ||
    file.startsWith('../') ||
    file.startsWith('..\\') ||
    file.includes('site-packages/') ||
    file.includes('dist-packages/') ||
    file.includes('site-packages\\') ||
    file.includes('dist-packages\\')
  )
}

/** Python's `s[:n]`: the first n code points. */
export function pySlice(s: string, n: number): string {
  if (s.length <= n) return s
  let out = ''
  let count = 0
  for (const ch of s) {
    if (count++ === n) break
    out += ch
  }
  return out
}

/** Python's str() of a scalar field value. */
export function pyStr(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return 'None'
  if (typeof value === 'boolean') return value ? 'True' : 'False'
  return String(value)
}

/** 'error', 'warning' or undefined for a log level (name like "WARNING", or a levelno). */
export function logSeverity(level: unknown): 'error' | 'warning' | undefined {
  if (typeof level === 'number') return level >= 40 ? 'error' : level >= 30 ? 'warning' : undefined
  if (typeof level !== 'string') return undefined
  const l = level.toUpperCase()
  if (l === 'ERROR' || l === 'CRITICAL' || l === 'FATAL' || l === 'EXCEPTION') return 'error'
  if (l === 'WARNING' || l === 'WARN') return 'warning'
  return undefined
}

/** 'error' for a 5xx status, 'warning' for a 4xx, else undefined. */
export function statusSeverity(status: unknown): 'error' | 'warning' | undefined {
  if (typeof status !== 'number') return undefined
  if (status >= 500) return 'error'
  if (status >= 400) return 'warning'
  return undefined
}

/** The display name of a test: "Class.test_name", or the test name alone. */
export function testDisplayName(testName: unknown, testClass: unknown): string | undefined {
  if (typeof testName !== 'string' || testName === '') return undefined
  return typeof testClass === 'string' && testClass !== '' ? `${testClass}.${testName}` : testName
}

/** The last line of an exception summary, without its trailing newline. */
export function exceptionMessage(summary: unknown): string | undefined {
  if (!Array.isArray(summary) || summary.length === 0) return undefined
  const last: unknown = summary[summary.length - 1]
  return typeof last === 'string' ? last.replace(/\s+$/, '') : undefined
}
