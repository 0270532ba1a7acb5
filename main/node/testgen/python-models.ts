/**
 * A light reader of Django model classes in Python source: enough to map tables to models
 * without importing the project. It reads top-level `class` statements, their bases, the
 * `name = SomeField(...)` assignments of their body, `class Meta` options and `__str__`.
 */

/** A keyword or positional argument of a field call, as source text. */
export interface CallArgs {
  positional: string[]
  keywords: Map<string, string>
}

/** A field assignment in a class body. */
export interface ParsedField {
  name: string
  /** The called class as written (`models.ForeignKey`, `MoneyField`). */
  callee: string
  args: CallArgs
}

/** A top-level class of a models file. */
export interface ParsedClass {
  name: string
  bases: string[]
  fields: ParsedField[]
  meta: Map<string, string>
  /** The field `__str__` returns, when it returns one field plainly. */
  strField?: string
  hasStr: boolean
}

/** The top-level classes of a Python source, with their field assignments. */
export function parseModelClasses(source: string): ParsedClass[] {
  const lines = joinContinuations(source.split('\n'))
  const out: ParsedClass[] = []
  for (let i = 0; i < lines.length; i++) {
    const m = /^class\s+([A-Za-z_]\w*)\s*(?:\((.*)\))?\s*:/.exec(lines[i]!)
    if (!m) continue
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const l = lines[j]!
      if (l.trim() === '' || /^\s*#/.test(l)) continue
      if (!/^\s/.test(l)) break
      body.push(l)
    }
    out.push(parseClassBody(m[1]!, splitArgs(m[2] ?? '').positional, body))
    i = j - 1
  }
  return out
}

function parseClassBody(name: string, bases: string[], body: string[]): ParsedClass {
  const indent = /^\s*/.exec(body[0] ?? '')?.[0].length ?? 4
  const cls: ParsedClass = {name, bases, fields: [], meta: new Map(), hasStr: false}
  for (let k = 0; k < body.length; k++) {
    const line = body[k]!
    const lead = /^\s*/.exec(line)![0].length
    if (lead !== indent) continue
    const text = line.trim()
    const field =
      /^([A-Za-z_]\w*)\s*(?::\s*[^=]+)?=\s*([A-Za-z_][\w.]*)\s*\(([\s\S]*)\)\s*(?:#.*)?$/.exec(text)
    if (field) {
      cls.fields.push({name: field[1]!, callee: field[2]!, args: splitArgs(field[3]!)})
      continue
    }
    if (/^class\s+Meta\b/.test(text)) {
      for (let n = k + 1; n < body.length && /^\s*/.exec(body[n]!)![0].length > indent; n++) {
        const opt = /^\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*(?:#.*)?$/.exec(body[n]!)
        if (opt) cls.meta.set(opt[1]!, opt[2]!)
      }
      continue
    }
    if (/^def\s+__str__\s*\(/.test(text)) {
      cls.hasStr = true
      const next = body[k + 1]?.trim() ?? ''
      const ret =
        /^return\s+self\.([A-Za-z_]\w*)\s*$/.exec(next) ??
        /^return\s+str\(\s*self\.([A-Za-z_]\w*)\s*\)\s*$/.exec(next) ??
        /^return\s+f(["'])\{self\.([A-Za-z_]\w*)\}\1\s*$/.exec(next)
      if (ret) cls.strField = ret[ret.length - 1]
    }
  }
  return cls
}

/** Lines with bracketed continuations joined, comments and strings respected. */
function joinContinuations(lines: string[]): string[] {
  const out: string[] = []
  let buffer = ''
  for (const line of lines) {
    buffer = buffer === '' ? line : `${buffer} ${line.trim()}`
    const depth = bracketDepth(buffer)
    if (depth <= 0 && !buffer.trimEnd().endsWith('\\')) {
      out.push(buffer)
      buffer = ''
    } else if (buffer.trimEnd().endsWith('\\')) {
      buffer = buffer.trimEnd().slice(0, -1)
    }
  }
  if (buffer !== '') out.push(buffer)
  return out
}

function bracketDepth(text: string): number {
  let depth = 0
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      if (c === '\\') i++
      else if (text.startsWith(quote, i)) {
        i += quote.length - 1
        quote = undefined
      }
      continue
    }
    if (c === '#') break
    if (c === '"' || c === "'") quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c
    if (quote?.length === 3) i += 2
    else if ('([{'.includes(c)) depth++
    else if (')]}'.includes(c)) depth--
  }
  return depth
}

/** Arguments of a call as source text: positional ones and `name=value` ones. */
export function splitArgs(text: string): CallArgs {
  const parts: string[] = []
  let depth = 0
  let quote: string | undefined
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) {
      current += c
      if (c === '\\') current += text[++i] ?? ''
      else if (c === quote) quote = undefined
      continue
    }
    if (c === '"' || c === "'") quote = c
    if ('([{'.includes(c)) depth++
    if (')]}'.includes(c)) depth--
    if (c === ',' && depth === 0) {
      parts.push(current.trim())
      current = ''
    } else {
      current += c
    }
  }
  if (current.trim() !== '') parts.push(current.trim())
  const args: CallArgs = {positional: [], keywords: new Map()}
  for (const p of parts) {
    const kw = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]+)$/.exec(p)
    if (kw) args.keywords.set(kw[1]!, kw[2]!.trim())
    else if (!p.startsWith('*')) args.positional.push(p)
  }
  return args
}

/** A Python literal's value when it is a plain string, number, bool or None. */
export function pyLiteralValue(
  text: string | undefined,
): string | number | boolean | null | undefined {
  if (text === undefined) return undefined
  const t = text.trim()
  if (t === 'True') return true
  if (t === 'False') return false
  if (t === 'None') return null
  if (/^-?\d+$/.test(t)) return Number(t)
  if (/^-?\d*\.\d+$/.test(t)) return Number(t)
  const s = /^[rbu]?(["'])([\s\S]*)\1$/i.exec(t)
  if (s) return s[2]!.replace(/\\(.)/g, '$1')
  return undefined
}
