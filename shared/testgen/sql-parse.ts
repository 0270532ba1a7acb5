import type {SelectItem, SqlStatement, TableRef, ValueSlot} from './sql-ast'
import type {SqlToken} from './sql-tokens'
import {columnRef, firstOf, tableAfter, valueSlot, whereClause} from './sql-where'
import {
  closingParen,
  findTopLevel,
  isPunct,
  isWord,
  nameOf,
  splitTopLevel,
  tokenizeSql,
} from './sql-tokens'

export type {ColumnRef, Condition, SelectItem, SqlStatement, TableRef, ValueSlot} from './sql-ast'

const aggregateFns = new Set([
  'COUNT',
  'SUM',
  'AVG',
  'MIN',
  'MAX',
  'EXISTS',
  'ARRAY_AGG',
  'STRING_AGG',
])

/**
 * The statement Django wrote, parsed (the `%s` template is best: parameters are numbered).
 *
 * Never throws: what it cannot follow becomes `{type: 'other'}` or is flagged (`whereIsComplex`,
 * `opaqueFrom`), so the caller can say what it skipped.
 */
export function parseSql(sql: string): SqlStatement {
  const tokens = tokenizeSql(sql)
  const first = tokens[0]
  if (first?.t !== 'word') return {type: 'other', keyword: ''}
  switch (first.upper) {
    case 'SELECT':
      return parseSelect(tokens)
    case 'INSERT':
      return parseInsert(tokens) ?? {type: 'other', keyword: 'INSERT'}
    case 'UPDATE':
      return parseUpdate(tokens) ?? {type: 'other', keyword: 'UPDATE'}
    case 'DELETE':
      return parseDelete(tokens) ?? {type: 'other', keyword: 'DELETE'}
    default:
      return {type: 'other', keyword: first.upper}
  }
}

const clauseEnds = [
  'WHERE',
  'GROUP',
  'HAVING',
  'ORDER',
  'LIMIT',
  'OFFSET',
  'FOR',
  'UNION',
  'WINDOW',
]

function parseSelect(tokens: SqlToken[]): SqlStatement {
  let at = 1
  if (isWord(tokens[at], 'DISTINCT')) at++
  const fromAt = findTopLevel(tokens, ['FROM'], at)
  const listEnd = fromAt < 0 ? tokens.length : fromAt
  const items = splitTopLevel(tokens.slice(at, listEnd)).map(selectItem)
  const whereAt = fromAt < 0 ? -1 : findTopLevel(tokens, ['WHERE'], fromAt)
  const fromEnd = firstOf(tokens, fromAt < 0 ? tokens.length : fromAt, clauseEnds)
  const {tables, opaque} =
    fromAt < 0 ? {tables: [], opaque: false} : parseFrom(tokens.slice(fromAt + 1, fromEnd))
  const where = whereAt < 0 ? undefined : whereClause(tokens, whereAt)
  return {
    type: 'select',
    items,
    from: tables,
    where: where?.conditions ?? [],
    whereIsComplex: where?.complex ?? false,
    hasWhere: whereAt >= 0,
    opaqueFrom: opaque,
  }
}

function selectItem(item: SqlToken[]): SelectItem {
  // Drop a trailing `AS "alias"` (or a bare alias).
  let body = item
  const asAt = findTopLevel(item, ['AS'])
  if (asAt > 0) body = item.slice(0, asAt)
  const ref = columnRef(body)
  if (ref) return {ref, aggregate: false}
  const head = body[0]
  const aggregate = head?.t === 'word' && aggregateFns.has(head.upper) && isPunct(body[1], '(')
  return {aggregate}
}

const joinWords = new Set(['INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'OUTER', 'NATURAL', 'JOIN'])

function parseFrom(tokens: SqlToken[]): {tables: TableRef[]; opaque: boolean} {
  const tables: TableRef[] = []
  let opaque = false
  let i = 0
  const readTable = (): void => {
    if (isPunct(tokens[i], '(')) {
      opaque = true
      i = closingParen(tokens, i) + 1
      if (isWord(tokens[i], 'AS')) i++
      if (tokens[i]?.t === 'ident' || (tokens[i]?.t === 'word' && !isKeyword(tokens[i]))) i++
      return
    }
    let table = nameOf(tokens[i])
    i++
    // schema-qualified: "public"."t"
    if (isPunct(tokens[i], '.') && nameOf(tokens[i + 1]) !== undefined) {
      table = nameOf(tokens[i + 1])
      i += 2
    }
    if (isWord(tokens[i], 'AS')) i++
    let alias = table
    const next = tokens[i]
    if (next?.t === 'ident' || (next?.t === 'word' && !isKeyword(next))) {
      alias = nameOf(next)
      i++
    }
    if (table !== undefined) tables.push({table, alias: alias ?? table})
  }
  readTable()
  while (i < tokens.length) {
    const t = tokens[i]!
    if (isPunct(t, ',')) {
      i++
      readTable()
    } else if (t.t === 'word' && joinWords.has(t.upper)) {
      while (tokens[i]?.t === 'word' && joinWords.has((tokens[i] as {upper: string}).upper)) i++
      readTable()
      if (isWord(tokens[i], 'ON')) {
        i++
        if (isPunct(tokens[i], '(')) i = closingParen(tokens, i) + 1
        else while (i < tokens.length && !isJoinStart(tokens[i])) i++
      }
    } else {
      i++
    }
  }
  return {tables, opaque}
}

function isJoinStart(t: SqlToken | undefined): boolean {
  return (t?.t === 'word' && joinWords.has(t.upper)) || isPunct(t, ',')
}

const keywords = new Set([
  ...clauseEnds,
  'ON',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'AS',
  'SET',
  'VALUES',
  'RETURNING',
])

function isKeyword(t: SqlToken | undefined): boolean {
  return t?.t === 'word' && keywords.has(t.upper)
}

function parseInsert(tokens: SqlToken[]): SqlStatement | undefined {
  const intoAt = tokens.findIndex(t => isWord(t, 'INTO'))
  if (intoAt < 0) return undefined
  const {table, next} = tableAfter(tokens, intoAt + 1)
  if (table === undefined) return undefined
  let i = next
  const columns: string[] = []
  if (isPunct(tokens[i], '(')) {
    const close = closingParen(tokens, i)
    for (const part of splitTopLevel(tokens.slice(i + 1, close))) {
      const name = nameOf(part[part.length - 1])
      if (name !== undefined) columns.push(name)
    }
    i = close + 1
  }
  const rows: ValueSlot[][] = []
  if (isWord(tokens[i], 'DEFAULT') && isWord(tokens[i + 1], 'VALUES')) {
    rows.push([])
    i += 2
  } else if (isWord(tokens[i], 'VALUES')) {
    i++
    while (isPunct(tokens[i], '(')) {
      const close = closingParen(tokens, i)
      rows.push(
        splitTopLevel(tokens.slice(i + 1, close)).map(p => valueSlot(p) ?? {kind: 'default'}),
      )
      i = close + 1
      if (isPunct(tokens[i], ',')) i++
    }
  } else {
    return undefined
  }
  const returning: string[] = []
  const retAt = findTopLevel(tokens, ['RETURNING'], i)
  if (retAt >= 0) {
    for (const part of splitTopLevel(tokens.slice(retAt + 1))) {
      const name = nameOf(part[part.length - 1])
      if (name !== undefined) returning.push(name)
    }
  }
  return {type: 'insert', table, columns, rows, returning}
}

function parseUpdate(tokens: SqlToken[]): SqlStatement | undefined {
  const {table, next} = tableAfter(tokens, 1)
  if (table === undefined || !isWord(tokens[next], 'SET')) return undefined
  const whereAt = findTopLevel(tokens, ['WHERE'], next)
  const setEnd = whereAt < 0 ? firstOf(tokens, next, ['RETURNING']) : whereAt
  const sets: {column: string; value: ValueSlot}[] = []
  for (const part of splitTopLevel(tokens.slice(next + 1, setEnd))) {
    const eq = part.findIndex(t => t.t === 'op' && t.v === '=')
    const column = nameOf(part[eq - 1])
    const value = valueSlot(part.slice(eq + 1))
    if (eq > 0 && column !== undefined && value) sets.push({column, value})
  }
  const where = whereAt < 0 ? {conditions: [], complex: false} : whereClause(tokens, whereAt)
  return {
    type: 'update',
    table,
    sets,
    where: where.conditions,
    whereIsComplex: where.complex || whereAt < 0,
  }
}

function parseDelete(tokens: SqlToken[]): SqlStatement | undefined {
  const fromAt = tokens.findIndex(t => isWord(t, 'FROM'))
  if (fromAt < 0) return undefined
  const {table} = tableAfter(tokens, fromAt + 1)
  if (table === undefined) return undefined
  const whereAt = findTopLevel(tokens, ['WHERE'], fromAt)
  const where = whereAt < 0 ? {conditions: [], complex: false} : whereClause(tokens, whereAt)
  return {
    type: 'delete',
    table,
    where: where.conditions,
    whereIsComplex: where.complex || whereAt < 0,
  }
}
