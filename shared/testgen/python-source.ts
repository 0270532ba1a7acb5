/** One parameter of a Python `def`. */
export interface PyParam {
  name: string
  kind: 'positional-only' | 'normal' | 'var-positional' | 'keyword-only' | 'var-keyword'
}

/**
 * The parameters of the `def name(` found at or below `line` (1-based) in a Python source, or
 * undefined. Decorated functions start at their first decorator, so the search looks a few
 * lines down; the parameter list may span lines, hold annotations and defaults.
 */
export function defParams(source: string, line: number, name: string): PyParam[] | undefined {
  const lines = source.split('\n')
  const re = new RegExp(`^\\s*(?:async\\s+)?def\\s+${name.replace(/[^\w]/g, '')}\\s*\\(`)
  for (let i = Math.max(0, line - 1); i < Math.min(lines.length, line + 30); i++) {
    if (!re.test(lines[i]!)) continue
    const text = lines.slice(i, i + 60).join('\n')
    const open = text.indexOf('(')
    const inner = paramText(text, open)
    return inner === undefined ? undefined : splitParams(inner)
  }
  return undefined
}

function paramText(text: string, open: number): string | undefined {
  let depth = 0
  let quote: string | undefined
  for (let i = open; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
      continue
    }
    if (c === '"' || c === "'") quote = c
    else if (c === '#') {
      const nl = text.indexOf('\n', i)
      i = nl < 0 ? text.length : nl
    } else if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      depth--
      if (depth === 0) return text.slice(open + 1, i)
    }
  }
  return undefined
}

function splitParams(inner: string): PyParam[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  let quote: string | undefined
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!
    if (quote) {
      current += c
      if (c === '\\') current += inner[++i] ?? ''
      else if (c === quote) quote = undefined
      continue
    }
    if (c === '"' || c === "'") quote = c
    if (c === '#') {
      const nl = inner.indexOf('\n', i)
      i = nl < 0 ? inner.length : nl
      continue
    }
    if (c === '(' || c === '[' || c === '{') depth++
    if (c === ')' || c === ']' || c === '}') depth--
    if (c === ',' && depth === 0) {
      parts.push(current)
      current = ''
    } else {
      current += c
    }
  }
  parts.push(current)
  const out: PyParam[] = []
  let keywordOnly = false
  for (const raw of parts.map(p => p.trim()).filter(Boolean)) {
    if (raw === '/') {
      for (const p of out) if (p.kind === 'normal') p.kind = 'positional-only'
      continue
    }
    if (raw === '*') {
      keywordOnly = true
      continue
    }
    const name = /^\*{0,2}\s*([A-Za-z_]\w*)/.exec(raw)?.[1]
    if (name === undefined) continue
    if (raw.startsWith('**')) out.push({name, kind: 'var-keyword'})
    else if (raw.startsWith('*')) {
      out.push({name, kind: 'var-positional'})
      keywordOnly = true
    } else out.push({name, kind: keywordOnly ? 'keyword-only' : 'normal'})
  }
  return out
}

/**
 * The module a recorded file defines, checked against the frame's qualname: `shelf/models.py`
 * with `shelf.models.Book.average_rating` → `shelf.models`. Library paths (absolute, `../`) and
 * files whose module the qualname does not confirm give undefined.
 */
export function moduleOfFile(file: string, qualname: string | undefined): string | undefined {
  const path = file.replace(/\\/g, '/')
  if (
    path.startsWith('/') ||
    path.startsWith('../') ||
    /^[A-Za-z]:/.test(path) ||
    !path.endsWith('.py')
  ) {
    return undefined
  }
  const parts = path
    .slice(0, -3)
    .split('/')
    .filter(p => p !== '' && p !== '.')
  if (parts[parts.length - 1] === '__init__') parts.pop()
  for (let i = 0; i < parts.length; i++) {
    const module = parts.slice(i).join('.')
    if (qualname === undefined || qualname.startsWith(module + '.')) return module
  }
  return undefined
}
