import type {DecodedTrace, RecordTable} from './decoded-trace'

// How far into the records the root call is looked for (a few leading non-frame records).
const ROOT_CALL_SCAN = 64

/**
 * The name of a trace that has neither a trace_name, a test nor a request, as Kolo's list names
 * it: its command line (`kolo run fib.py 25` records `['fib.py', '25']`: "fib.py 25"), else its
 * root call (the first frame's qualname, or "path co_name"); undefined when it has neither.
 */
export function unnamedTraceName(
  decoded: Pick<DecodedTrace, 'commandLine'>,
  records: RecordTable | undefined,
): string | undefined {
  const command = (decoded.commandLine ?? []).join(' ').trim()
  if (command) return command
  if (!records) return undefined
  const n = Math.min(records.length, ROOT_CALL_SCAN)
  for (let i = 0; i < n; i++) {
    const event = records.get(i, 'event')
    if (event !== 'call' && event !== 'resume') continue
    const qualname = records.get(i, 'qualname')
    if (typeof qualname === 'string' && qualname) return qualname
    const path = records.get(i, 'path')
    const coName = records.get(i, 'co_name')
    if (typeof path === 'string' || typeof coName === 'string') {
      return `${String(path ?? '')} ${String(coName ?? '')}`.trim()
    }
  }
  return undefined
}
