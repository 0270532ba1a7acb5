/** One SQL token. `param` tokens carry their position among the statement's placeholders. */
export type SqlToken =
  | {t: 'ident'; v: string} // "quoted", `quoted` or [quoted]
  | {t: 'word'; v: string; upper: string}
  | {t: 'number'; v: string}
  | {t: 'string'; v: string}
  | {t: 'param'; index: number}
  | {t: 'punct'; v: '(' | ')' | ',' | '.' | ';' | '*'}
  | {t: 'op'; v: string}

const wordStart = /[A-Za-z_]/
const wordPart = /[A-Za-z0-9_$]/
const digit = /[0-9]/
const opChars = '=<>!|+-/%&^~:@#?'

/**
 * Tokens of one SQL statement as Django writes it (any backend's quoting).
 *
 * Placeholders are `%s` (Django's templates), `?`, `$1` and `:name`; `%%` is a literal percent.
 * Comments are skipped. Never throws: an unexpected character becomes an `op` token.
 */
export function tokenizeSql(sql: string): SqlToken[] {
  const out: SqlToken[] = []
  let params = 0
  let i = 0
  const n = sql.length
  while (i < n) {
    const c = sql[i]!
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      i++
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? n : end + 2
    } else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c
      let v = ''
      i++
      while (i < n) {
        if (sql[i] === close && sql[i + 1] === close && close !== ']') {
          v += close
          i += 2
        } else if (sql[i] === close) {
          i++
          break
        } else {
          v += sql[i++]
        }
      }
      out.push({t: 'ident', v})
    } else if (c === "'") {
      let v = ''
      i++
      while (i < n) {
        if (sql[i] === "'" && sql[i + 1] === "'") {
          v += "'"
          i += 2
        } else if (sql[i] === "'") {
          i++
          break
        } else {
          v += sql[i++]
        }
      }
      out.push({t: 'string', v})
    } else if (c === '%' && sql[i + 1] === 's') {
      out.push({t: 'param', index: params++})
      i += 2
    } else if (c === '%' && sql[i + 1] === '%') {
      out.push({t: 'op', v: '%'})
      i += 2
    } else if (c === '?' || (c === '$' && digit.test(sql[i + 1] ?? ''))) {
      i++
      while (i < n && digit.test(sql[i]!)) i++
      out.push({t: 'param', index: params++})
    } else if (c === ':' && wordStart.test(sql[i + 1] ?? '') && sql[i - 1] !== ':') {
      i++
      while (i < n && wordPart.test(sql[i]!)) i++
      out.push({t: 'param', index: params++})
    } else if (digit.test(c) || (c === '.' && digit.test(sql[i + 1] ?? ''))) {
      const start = i
      while (i < n && /[0-9.eE]/.test(sql[i]!)) i++
      out.push({t: 'number', v: sql.slice(start, i)})
    } else if (wordStart.test(c)) {
      const start = i
      while (i < n && wordPart.test(sql[i]!)) i++
      const v = sql.slice(start, i)
      out.push({t: 'word', v, upper: v.toUpperCase()})
    } else if (c === '(' || c === ')' || c === ',' || c === '.' || c === ';' || c === '*') {
      out.push({t: 'punct', v: c})
      i++
    } else {
      const start = i
      i++
      while (i < n && opChars.includes(sql[i]!) && !(sql[i] === '%' && sql[i + 1] === 's')) i++
      out.push({t: 'op', v: sql.slice(start, i)})
    }
  }
  return out
}

/** Whether a token is the keyword `kw` (case-insensitive, bare words only). */
export function isWord(token: SqlToken | undefined, kw: string): boolean {
  return token?.t === 'word' && token.upper === kw
}

/** Whether a token is the punctuation `p`. */
export function isPunct(token: SqlToken | undefined, p: string): boolean {
  return token?.t === 'punct' && token.v === p
}

/** The name of an identifier token, quoted or bare. */
export function nameOf(token: SqlToken | undefined): string | undefined {
  if (token?.t === 'ident') return token.v
  if (token?.t === 'word') return token.v
  return undefined
}

/**
 * Splits tokens at top-level commas (outside parentheses).
 */
export function splitTopLevel(tokens: readonly SqlToken[], separator = ','): SqlToken[][] {
  const parts: SqlToken[][] = [[]]
  let depth = 0
  for (const t of tokens) {
    if (isPunct(t, '(')) depth++
    else if (isPunct(t, ')')) depth--
    if (depth === 0 && t.t === 'punct' && t.v === separator) parts.push([])
    else parts[parts.length - 1]!.push(t)
  }
  return parts
}

/** Index of the first top-level keyword among `keywords` at or after `from`, or -1. */
export function findTopLevel(tokens: readonly SqlToken[], keywords: string[], from = 0): number {
  let depth = 0
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!
    if (isPunct(t, '(')) depth++
    else if (isPunct(t, ')')) depth--
    else if (depth === 0 && t.t === 'word' && keywords.includes(t.upper)) return i
  }
  return -1
}

/** The index of the `)` closing the `(` at `open`, or the end. */
export function closingParen(tokens: readonly SqlToken[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++
    else if (isPunct(tokens[i], ')') && --depth === 0) return i
  }
  return tokens.length
}
