/**
 * The shape of an SQL statement with its values taken out: the same for every run of one query.
 *
 * Kolo's query_template already holds `%s` placeholders, but only for the parameters Django
 * passed (a `LIMIT 21` stays in), and raw SQL or an older Kolo may have no template at all. The
 * fingerprint takes every literal out of either text, so the query, its template and the same
 * query recorded by another Kolo version agree: string and number literals and placeholders
 * become `?`, lists of them (`IN (…)`, `VALUES (…), (…)`) one `…`, blanks one space. Quoted
 * identifiers ("shelf_book"."id") are kept.
 */
export function sqlFingerprint(sql: string): string {
  let out = ''
  let i = 0
  const n = sql.length
  while (i < n) {
    const c = sql[i]!
    if (c === "'") {
      // A string literal; '' inside is an escaped quote.
      i++
      while (i < n) {
        if (sql[i] === "'") {
          if (sql[i + 1] === "'") i += 2
          else break
        } else i++
      }
      i++
      out += '?'
    } else if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c
      const end = sql.indexOf(close, i + 1)
      const stop = end < 0 ? n : end + 1
      out += sql.slice(i, stop)
      i = stop
    } else if (isDigit(c) && !isWordChar(sql[i - 1])) {
      i++
      while (i < n && (isDigit(sql[i]) || sql[i] === '.' || sql[i] === 'e' || sql[i] === 'E')) i++
      out += '?'
    } else if (c === '%' && (sql[i + 1] === 's' || sql[i + 1] === '(')) {
      const end = sql[i + 1] === 's' ? i + 2 : sql.indexOf(')s', i) + 2
      i = end > 1 ? end : i + 2
      out += '?'
    } else if (c === '$' && isDigit(sql[i + 1])) {
      i++
      while (i < n && isDigit(sql[i])) i++
      out += '?'
    } else if (/\s/.test(c)) {
      while (i < n && /\s/.test(sql[i]!)) i++
      if (out.length > 0) out += ' '
    } else {
      out += c
      i++
    }
  }
  return collapseLists(out.trimEnd())
}

// `(?, ?, ?)` → `(…)`, and `VALUES (…), (…)` → `VALUES (…)`: the number of items is a value too.
function collapseLists(sql: string): string {
  return sql
    .replace(/\(\s*(?:-?\?|NULL)(?:\s*,\s*(?:-?\?|NULL))*\s*\)/gi, '(…)')
    .replace(/\(…\)(?:\s*,\s*\(…\))+/g, '(…)')
    .replace(/-\?/g, '?')
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\w.]/.test(c)
}
