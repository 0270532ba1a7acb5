import type {NodeDetails} from '../model/node-details'
import {py} from '../values/py-value'
import type {PyValue} from '../values/py-value'
import {defaultNoise, durationChange} from './alignment'
import type {NoiseThreshold} from './alignment'
import {diffBodies, diffHeaders, sqlRowCount} from './body-diff'
import type {BodyDiffOptions} from './body-diff'
import {diffValues} from './value-diff'
import type {ValueDiff} from './value-diff'

/** What differs in one part of a call: its arguments, its return value, a query's rows… */
export interface CallDiffSection {
  /** 'arguments', 'locals', 'return value', 'exception', 'query', 'rows', 'status', … */
  label: string
  diff: ValueDiff
  /** A one-line gist when there is one: "3 rows → 4 rows", "200 → 500". */
  gist?: string
}

/** The differences of one aligned pair of nodes. */
export interface CallDiff {
  a: number
  b: number
  kind: NodeDetails['kind']
  name: string
  sections: CallDiffSection[]
  duration: {aNs: number; bNs: number; deltaNs: number; change: -1 | 0 | 1}
  /** Whether any section differs (durations do not count). */
  changed: boolean
}

/** Options of diffCall. */
export interface CallDiffOptions extends BodyDiffOptions {
  noise?: NoiseThreshold
}

/**
 * What changed between two executions of one call: the view calls this with the details of an
 * aligned pair (fetched on demand), the diff run for the pairs it compares up front.
 */
export function diffCall(a: NodeDetails, b: NodeDetails, options: CallDiffOptions = {}): CallDiff {
  const sections: CallDiffSection[] = []
  const add = (label: string, diff: ValueDiff, gist?: string): void => {
    if (diff.changes.length > 0) {
      sections.push(gist === undefined ? {label, diff} : {label, diff, gist})
    }
  }
  const values = (label: string, x: PyValue | undefined, y: PyValue | undefined): void =>
    add(label, diffValues(x, y, options))
  const text = (label: string, x: string | undefined, y: string | undefined): void => {
    if (x !== y) add(label, diffValues(strOf(x), strOf(y), options), `${x ?? '—'} → ${y ?? '—'}`)
  }
  if (a.kind !== b.kind) {
    text('kind', a.kind, b.kind)
  } else {
    switch (a.kind) {
      case 'frame': {
        const y = b as typeof a
        values('arguments', a.args, y.args)
        values('locals', a.locals, y.locals)
        values('return value', a.returnValue, y.returnValue)
        text('exception', a.exceptionMessage, y.exceptionMessage)
        values('raised', a.raised, y.raised)
        break
      }
      case 'sql': {
        const y = b as typeof a
        text('query', a.query, y.query)
        values('parameters', a.params, y.params)
        const [ra, rb] = [sqlRowCount(a.data), sqlRowCount(y.data)]
        add(
          'rows',
          diffValues(a.data, y.data, options),
          ra !== rb ? `${rows(ra)} → ${rows(rb)}` : undefined,
        )
        break
      }
      case 'request': {
        const y = b as typeof a
        text('request', `${a.method} ${a.path}`, `${y.method} ${y.path}`)
        values('query parameters', a.queryParams, y.queryParams)
        values('form data', a.postData, y.postData)
        add('request headers', diffHeaders(a.headers, y.headers, options))
        add('request body', diffBodies(a.body, y.body, options))
        const [sa, sb] = [a.response?.status, y.response?.status]
        if (sa !== sb) text('status', status(sa), status(sb))
        add('response headers', diffHeaders(a.response?.headers, y.response?.headers, options))
        add('response body', diffBodies(a.response?.content, y.response?.content, options))
        break
      }
      case 'outbound': {
        const y = b as typeof a
        text('request', `${a.method} ${a.url}`, `${y.method} ${y.url}`)
        add('request headers', diffHeaders(a.headers, y.headers, options))
        add('request body', diffBodies(a.body, y.body, options))
        const [sa, sb] = [a.response?.status, y.response?.status]
        if (sa !== sb) text('status', status(sa), status(sb))
        add('response headers', diffHeaders(a.response?.headers, y.response?.headers, options))
        add('response body', diffBodies(a.response?.body, y.response?.body, options))
        break
      }
      case 'template': {
        const y = b as typeof a
        text('template', a.template, y.template)
        values('context', a.context, y.context)
        break
      }
      case 'log': {
        const y = b as typeof a
        text('level', a.level, y.level)
        values('message', a.msg, y.msg)
        values('arguments', a.args, y.args)
        values('extra', a.extra, y.extra)
        break
      }
      case 'exception': {
        const y = b as typeof a
        text('exception', a.summary.at(-1)?.trim(), y.summary.at(-1)?.trim())
        text('raised at', where(a.frames.at(-1)), where(y.frames.at(-1)))
        break
      }
      case 'test': {
        const y = b as typeof a
        text('test', a.testName, y.testName)
        break
      }
      case 'job': {
        const y = b as typeof a
        text('job', a.jobName, y.jobName)
        values('arguments', a.args, y.args)
        values('keyword arguments', a.kwargs, y.kwargs)
        break
      }
      default: {
        const y = b as typeof a
        values(
          'fields',
          py.dict(a.fields.map(([k, v]) => [py.str(k), v])),
          py.dict(y.fields.map(([k, v]) => [py.str(k), v])),
        )
      }
    }
  }
  const aNs = a.endNs - a.startNs
  const bNs = b.endNs - b.startNs
  return {
    a: a.nodeId,
    b: b.nodeId,
    kind: b.kind,
    name: b.name,
    sections,
    duration: {
      aNs,
      bNs,
      deltaNs: bNs - aNs,
      change: durationChange(aNs, bNs, options.noise ?? defaultNoise),
    },
    changed: sections.length > 0,
  }
}

const strOf = (s: string | undefined): PyValue | undefined =>
  s === undefined ? undefined : py.str(s)
const rows = (n: number | undefined): string =>
  n === undefined ? '? rows' : n === 1 ? '1 row' : `${n} rows`
const status = (n: number | undefined): string | undefined =>
  n === undefined ? undefined : String(n)
const where = (
  frame: {path: string; line: number; coName: string} | undefined,
): string | undefined => frame && `${frame.path}:${frame.line} in ${frame.coName}`
