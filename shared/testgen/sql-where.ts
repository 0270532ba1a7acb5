// WHERE clauses and written values of Django's SQL: the parts parseSql shares.
import type {SqlToken} from './sql-tokens'
import {closingParen, findTopLevel, isPunct, isWord, nameOf, splitTopLevel} from './sql-tokens'
import type {ColumnRef, Condition, ValueSlot} from './sql-ast'

/** Index of the first top-level keyword of `keywords` at or after `from`, or the end. */
export function firstOf(tokens: SqlToken[], from: number, keywords: string[]): number {
  const at = findTopLevel(tokens, keywords, from)
  return at < 0 ? tokens.length : at
}

/** `"a"."b"`, `a.b` or `"b"` as a column reference; anything longer is an expression. */
export function columnRef(tokens: SqlToken[]): ColumnRef | undefined {
  if (tokens.length === 3 && isPunct(tokens[1], '.')) {
    const alias = nameOf(tokens[0])
    const column = nameOf(tokens[2])
    if (alias !== undefined && column !== undefined) return {alias, column}
  }
  if (tokens.length === 1 && tokens[0]!.t === 'ident') return {column: tokens[0]!.v}
  return undefined
}

/** The top-level AND-ed `col = value` / `col IN (…)` conditions of a WHERE at `whereAt`. */
export function whereClause(
  tokens: SqlToken[],
  whereAt: number,
): {conditions: Condition[]; complex: boolean} {
  const end = firstOf(tokens, whereAt + 1, [
    'GROUP',
    'HAVING',
    'ORDER',
    'LIMIT',
    'OFFSET',
    'FOR',
    'RETURNING',
  ])
  let body = tokens.slice(whereAt + 1, end)
  // Django often wraps the whole condition in one pair of parentheses.
  while (isPunct(body[0], '(') && closingParen(body, 0) === body.length - 1) {
    body = body.slice(1, -1)
  }
  const conditions: Condition[] = []
  let complex = false
  for (const part of splitOnAnd(body)) {
    const condition = simpleCondition(part)
    if (condition) conditions.push(condition)
    else complex = true
  }
  return {conditions, complex}
}

function splitOnAnd(tokens: SqlToken[]): SqlToken[][] {
  const parts: SqlToken[][] = [[]]
  let depth = 0
  for (const t of tokens) {
    if (isPunct(t, '(')) depth++
    else if (isPunct(t, ')')) depth--
    if (depth === 0 && isWord(t, 'OR')) return [tokens] // an OR at the top: not a conjunction
    if (depth === 0 && isWord(t, 'AND')) parts.push([])
    else parts[parts.length - 1]!.push(t)
  }
  return parts
}

function simpleCondition(part: SqlToken[]): Condition | undefined {
  let body = part
  while (isPunct(body[0], '(') && closingParen(body, 0) === body.length - 1) {
    body = body.slice(1, -1)
  }
  const eq = body.findIndex(t => t.t === 'op' && t.v === '=')
  if (eq > 0) {
    const ref = columnRef(body.slice(0, eq))
    const value = valueSlot(body.slice(eq + 1))
    if (ref && value && value.kind !== 'expr') return {ref, values: [value]}
    return undefined
  }
  const inAt = body.findIndex(t => isWord(t, 'IN'))
  if (
    inAt > 0 &&
    isPunct(body[inAt + 1], '(') &&
    closingParen(body, inAt + 1) === body.length - 1
  ) {
    const ref = columnRef(body.slice(0, inAt))
    const values = splitTopLevel(body.slice(inAt + 2, -1)).map(valueSlot)
    if (ref && values.every(v => v && v.kind !== 'expr')) {
      return {ref, values: values as ValueSlot[]}
    }
  }
  return undefined
}

/** One written value: a placeholder, a literal, DEFAULT, or an expression (kept as text). */
export function valueSlot(tokens: SqlToken[]): ValueSlot | undefined {
  if (tokens.length === 0) return undefined
  if (tokens.length === 1) {
    const t = tokens[0]!
    if (t.t === 'param') return {kind: 'param', index: t.index}
    if (t.t === 'string') return {kind: 'literal', value: t.v}
    if (t.t === 'number') return {kind: 'literal', value: Number(t.v)}
    if (isWord(t, 'NULL')) return {kind: 'literal', value: null}
    if (isWord(t, 'TRUE')) return {kind: 'literal', value: true}
    if (isWord(t, 'FALSE')) return {kind: 'literal', value: false}
    if (isWord(t, 'DEFAULT')) return {kind: 'default'}
  }
  if (
    tokens.length === 2 &&
    tokens[0]!.t === 'op' &&
    tokens[0]!.v === '-' &&
    tokens[1]!.t === 'number'
  ) {
    return {kind: 'literal', value: -Number(tokens[1]!.v)}
  }
  return {kind: 'expr', text: tokens.map(tokenText).join(' ')}
}

function tokenText(t: SqlToken): string {
  switch (t.t) {
    case 'ident':
      return `"${t.v}"`
    case 'string':
      return `'${t.v}'`
    case 'param':
      return '%s'
    default:
      return t.v
  }
}

/** The table named at `at` (schema-qualified or not) and the index after it. */
export function tableAfter(tokens: SqlToken[], at: number): {table?: string; next: number} {
  let table = nameOf(tokens[at])
  let next = at + 1
  if (isPunct(tokens[next], '.') && nameOf(tokens[next + 1]) !== undefined) {
    table = nameOf(tokens[next + 1])
    next += 2
  }
  return {table, next}
}
