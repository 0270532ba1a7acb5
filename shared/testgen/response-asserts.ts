import type {RequestDetails} from '../model/node-details'
import type {PyValue} from '../values/py-value'
import {dictGet, textOf} from '../values/py-value'
import type {ArrangePlan} from './arrange-plan'
import type {ClockPlan} from './clock'
import type {GenCore} from './gen-context'
import {htmlEscape, isDebugPage} from './html-text'
import {parseJsonValue} from './json-value'
import type {Expr} from './py-expr'
import {atom, call, dict, pyStr, seq} from './py-expr'
import {literal, valueKey} from './py-literal'
import type {Stmt} from './py-statements'
import {responseContentType} from './request-act'

/** What the response asserts need besides the response. */
export interface ResponseContext {
  /** Templates rendered directly by the target (not included or extended ones). */
  templates: string[]
  plan: ArrangePlan
  /** Recorded primary keys of rows the target created → their pk in the test. */
  newPks: Map<string, {expr: Expr; table: string}>
  /** Texts of rows the target wrote (they may show in the page). */
  writtenTexts: string[]
  clock: ClockPlan
  /** The variable holding the response (default `response`). */
  variable?: string
  /** The view was called directly, not through the test client (no `.json()`, no templates). */
  direct?: boolean
}

const maxTexts = 12
const idKey = /(^|_)(id|pk)$/i

/** The status assert, then the rest: redirect target, JSON body, templates and texts, plain body. */
export function responseAsserts(
  d: RequestDetails,
  ctx: ResponseContext,
  g: GenCore,
): {status: Stmt; rest: Stmt[]} {
  const name = ctx.variable ?? 'response'
  const response = atom(name)
  const status = d.response?.status ?? 200
  g.report.assert('status', `status ${status}`)
  const out: Stmt[] = []
  const headers = d.response?.headers
  const location = textOf(dictGet(headers, 'Location'))
  if (status >= 300 && status < 400 && location !== undefined) {
    out.push(g.style.redirects(response, relaxUrl(location, ctx), status))
    g.report.assert('redirect', `redirects to ${location}`)
  }
  const content = d.response?.content
  const text = content?.t === 'str' ? content.v : undefined
  const type = responseContentType(headers) ?? ''
  if (content?.t === 'str' && content.cut !== undefined) {
    g.report.skip('the response body', 'the trace details hold only its beginning: not asserted')
  } else if (text !== undefined && text !== '' && content?.t === 'str') {
    if (isDebugPage(text)) {
      g.report.skip('the response body', "Django's DEBUG error page: tests run with DEBUG = False")
    } else if (/json/.test(type)) {
      const json = parseJsonValue(text)
      const expected = json && relaxedJson(json, undefined, ctx, g)
      if (expected) {
        const actual = ctx.direct
          ? call(`${g.imports.module('json')}.loads`, [atom(`${name}.content`)])
          : atom(`${name}.json()`)
        out.push(g.style.equal(actual, expected))
        g.report.assert('json', 'the JSON body (new ids and clock values relaxed)')
      }
    } else if (/html/.test(type) && /<[a-z!]/i.test(text)) {
      for (const t of ctx.direct ? [] : ctx.templates) {
        out.push(g.style.templateUsed(response, t))
        g.report.assert('template', t)
      }
      for (const t of distinctiveTexts(text, ctx)) {
        out.push(g.style.contains(response, t, status))
        g.report.assert('text', t)
      }
    } else if (text.length <= 2000) {
      out.push(g.style.equal(atom(`${name}.content.decode()`), atom(pyStr(text))))
      g.report.assert('content', 'the body')
    }
  }
  return {status: g.style.equal(atom(`${name}.status_code`), atom(String(status))), rest: out}
}

/** A URL whose path segments that are new rows' ids become `f"/books/{new_book.pk}/"`. */
function relaxUrl(url: string, ctx: ResponseContext): Expr {
  let relaxed = false
  const parts = url.split(/(\/)/).map(seg => {
    const hit = /^\d+$/.test(seg) ? ctx.newPks.get(valueKey({t: 'int', v: seg})) : undefined
    if (!hit) return seg.replace(/[{}]/g, c => c + c)
    relaxed = true
    return `{${hitText(hit.expr)}}`
  })
  return relaxed ? atom('f' + pyStr(parts.join(''))) : atom(pyStr(url))
}

function hitText(e: Expr): string {
  return e.t === 'atom' ? e.text : ''
}

/** The recorded JSON with new ids as the created rows' pks and clock values as mock.ANY. */
function relaxedJson(
  v: PyValue,
  key: string | undefined,
  ctx: ResponseContext,
  g: GenCore,
): Expr | undefined {
  if (key !== undefined && idKey.test(key) && (v.t === 'int' || v.t === 'str')) {
    const hit = ctx.newPks.get(valueKey(v.t === 'int' ? v : {t: 'int', v: v.v}))
    if (hit && v.t === 'int') return hit.expr
  }
  if (v.t === 'str' && ctx.clock.isClockLike({t: 'datetime', v: v.v})) {
    g.report.skip(
      `the JSON value ${key ?? ''} = ${v.v}`.replace('  ', ' '),
      'depends on the clock: matched with mock.ANY',
    )
    return atom(`${g.imports.from('unittest', 'mock')}.ANY`)
  }
  if (v.t === 'dict') {
    const entries: [Expr, Expr][] = []
    for (const [k, val] of v.entries) {
      const e = relaxedJson(val, textOf(k), ctx, g)
      const ke = literal(k, g.imports)
      if (!e || !ke) return undefined
      entries.push([ke, e])
    }
    return dict(entries)
  }
  if (v.t === 'list') {
    const items = v.items.map(i => relaxedJson(i, key, ctx, g))
    return items.every(i => i !== undefined) ? seq('list', items) : undefined
  }
  return literal(v, g.imports)
}

/**
 * Texts of the arranged (and written) rows that the recorded page shows, as they appear in it
 * (HTML-escaped), in page order: the rows' data must reach the page.
 */
function distinctiveTexts(html: string, ctx: ResponseContext): string[] {
  const candidates = new Set<string>()
  for (const row of ctx.plan.rows) {
    for (const [column, value] of row.values) {
      if (row.recorded.has(column) && value.t === 'str') candidates.add(value.v)
    }
  }
  for (const t of ctx.writtenTexts) candidates.add(t)
  const found: {text: string; at: number}[] = []
  for (const c of candidates) {
    const trimmed = c.trim()
    if (trimmed.length < 3 || /^[\d\s.,:-]+$/.test(trimmed) || trimmed.length > 200) continue
    const escaped = htmlEscape(trimmed)
    const at = html.indexOf(escaped)
    if (at >= 0 && !isInsideTag(html, at)) found.push({text: escaped, at})
  }
  found.sort((a, b) => a.at - b.at)
  // A text inside a longer one proves nothing more.
  const kept = found.filter(
    f => !found.some(o => o !== f && o.text.length > f.text.length && o.text.includes(f.text)),
  )
  return kept.slice(0, maxTexts).map(f => f.text)
}

function isInsideTag(html: string, at: number): boolean {
  const open = html.lastIndexOf('<', at)
  const close = html.lastIndexOf('>', at)
  return open > close
}
