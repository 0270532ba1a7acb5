import type {PyValue} from '../../../shared/values/py-value'

/**
 * The rows of a query's recorded data, or undefined when it holds no rows.
 *
 * Kolo records `query_data` for a SELECT as chunks of row tuples (a list of lists of tuples); older
 * versions wrote one flat list of rows. Anything else (a row count, None) has no rows.
 */
export function sqlRows(data: PyValue | undefined): PyValue[][] | undefined {
  if (!data || (data.t !== 'list' && data.t !== 'tuple')) return undefined
  const rows: PyValue[][] = []
  for (const item of data.items) {
    if (item.t === 'list' && item.items.length > 0 && item.items.every(isSeq)) {
      for (const row of item.items) if (isSeq(row)) rows.push(row.items)
    } else if (isSeq(item)) rows.push(item.items)
    else rows.push([item])
  }
  return rows
}

function isSeq(v: PyValue): v is {t: 'tuple' | 'list'; items: PyValue[]} {
  return v.t === 'tuple' || v.t === 'list'
}

/**
 * Column names from a SELECT's column list, when it can be read: `"books_book"."title"` gives
 * `title`, `COUNT(*) AS "__count"` gives `__count`. Undefined when the list is not plain enough.
 */
export function selectColumns(query: string): string[] | undefined {
  const m = /^\s*SELECT\s+(?:DISTINCT\s+)?/i.exec(query)
  if (!m) return undefined
  let depth = 0
  let quote = ''
  const parts: string[] = []
  let start = m[0].length
  for (let i = start; i < query.length; i++) {
    const ch = query[i]!
    if (quote) {
      if (ch === quote) quote = ''
      continue
    }
    if (ch === '"' || ch === "'" || ch === '`') quote = ch
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    else if (depth === 0 && ch === ',') {
      parts.push(query.slice(start, i))
      start = i + 1
    } else if (depth === 0 && isFromAt(query, i)) {
      parts.push(query.slice(start, i))
      return parts.map(columnName)
    }
  }
  parts.push(query.slice(start))
  return parts.map(columnName)
}

const fromRe = /\sFROM\s/iy

function isFromAt(query: string, i: number): boolean {
  fromRe.lastIndex = i
  return fromRe.test(query)
}

function columnName(expr: string): string {
  const e = expr.trim()
  const as = /\s+AS\s+("?)([^"\s]+)\1\s*$/i.exec(e)
  if (as) return as[2]!
  const last = /(?:^|\.)"?([A-Za-z_][\w$]*)"?\s*$/.exec(e)
  return last ? last[1]! : e
}
