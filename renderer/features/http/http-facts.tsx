import type {ReactNode} from 'react'
import type {OutboundDetails, RequestDetails} from '../../../shared/model/node-details'
import type {PyValue} from '../../../shared/values/py-value'
import {dictGet, textOf} from '../../../shared/values/py-value'
import {formatPy} from '../../../shared/values/py-format'
import {FactTable, Section, ValueSection} from '../../components/detail-parts'
import {formatDurationMs} from '../../components/format'
import {StatusBadge} from '../../components/status-badge'

/** One row of a fact table: a name and its value (left out when the value is undefined/false). */
export type Fact = [string, ReactNode]

/** Which facts of an exchange to list: what was asked, how it was answered, where it was routed. */
export type FactParts = ReadonlySet<'request' | 'response' | 'route'>

/** Every part: the details panel shows an exchange in one table. */
export const allParts: FactParts = new Set(['request', 'response', 'route'])
/** What was asked: the HTTP panel's Request tab. */
export const requestPart: FactParts = new Set(['request'])
/** How it was answered: the HTTP panel's Response tab. */
export const responsePart: FactParts = new Set(['response'])

/** Whether a value is worth a section: present, not None, not an empty dict, string or bytes. */
export const hasEntries = (v: PyValue | undefined): v is PyValue =>
  v !== undefined &&
  v.t !== 'none' &&
  !(v.t === 'dict' && v.entries.length === 0) &&
  !(v.t === 'str' && v.v === '') &&
  !(v.t === 'bytes' && v.length === 0)

/** Kolo records Django's ResolverMatch as a dict; the route and the view are what a reader wants. */
export function urlPatternText(pattern: PyValue): {route?: string; view?: string} {
  if (pattern.t !== 'dict') return {route: formatPy(pattern, {maxChars: 200})}
  return {route: textOf(dictGet(pattern, 'route')), view: textOf(dictGet(pattern, 'view_qualname'))}
}

/** Headers as `Name: value` lines (for copying). */
export function headerLines(value: PyValue): string {
  if (value.t !== 'dict') return formatPy(value)
  return value.entries
    .map(([k, v]) => `${k.t === 'str' ? k.v : formatPy(k)}: ${v.t === 'str' ? v.v : formatPy(v)}`)
    .join('\n')
}

/** One HTTP exchange, as the fact table reads it (an inbound request or an outbound call). */
interface Exchange {
  method: string
  /** Where it went: the path served, or the URL called. */
  target: Fact
  status?: number
  durationMs?: number
  /** The URL pattern Django resolved an inbound request to. */
  urlPattern?: PyValue
  /** The request's last fact: the scheme served, or the library that called. */
  last: Fact
}

/**
 * The one fact table of an HTTP exchange: method and target, status and duration, route and view,
 * then the last fact. The details panel lists every part at once, the HTTP panel one per tab.
 */
function exchangeFacts(x: Exchange, parts: FactParts): Fact[] {
  const pattern =
    parts.has('route') && x.urlPattern !== undefined ? urlPatternText(x.urlPattern) : undefined
  const facts: Fact[] = []
  if (parts.has('request')) {
    facts.push(['Method', <span className="mono strong">{x.method}</span>], x.target)
  }
  if (parts.has('response')) {
    facts.push(
      ['Status', x.status !== undefined && <StatusBadge status={x.status} />],
      ['Duration', x.durationMs !== undefined && formatDurationMs(x.durationMs)],
    )
  }
  if (pattern) {
    facts.push(
      ['Route', pattern.route !== undefined && <span className="mono">{pattern.route}</span>],
      ['View', pattern.view !== undefined && <span className="mono">{pattern.view}</span>],
    )
  }
  if (parts.has('request')) facts.push(x.last)
  return facts
}

/** The facts of an inbound request served by Django: method, path, status, duration, route… */
export function requestFacts(d: RequestDetails, parts: FactParts): Fact[] {
  return exchangeFacts(
    {
      method: d.method,
      target: ['Path', <span className="mono">{d.path}</span>],
      status: d.response?.status,
      durationMs: d.response?.durationMs,
      urlPattern: d.response?.urlPattern,
      last: ['Scheme', d.scheme],
    },
    parts,
  )
}

/** The facts of an outbound call: method, URL, status, the library that made it. */
export function outboundFacts(d: OutboundDetails, parts: FactParts): Fact[] {
  return exchangeFacts(
    {
      method: d.method,
      target: ['URL', <span className="mono break">{d.url}</span>],
      status: d.response?.status,
      last: ['Library', d.library],
    },
    parts,
  )
}

/** An inbound request's fact table, then its query parameters and form data when it has any. */
export function RequestSections(props: {details: RequestDetails; parts: FactParts}) {
  const d = props.details
  return (
    <>
      <Section title="Request">
        <FactTable rows={requestFacts(d, props.parts)} />
      </Section>
      {hasEntries(d.queryParams) && (
        <ValueSection title="Query parameters" value={d.queryParams} openDepth={2} />
      )}
      {hasEntries(d.postData) && (
        <ValueSection title="Form data" value={d.postData} openDepth={2} />
      )}
    </>
  )
}
