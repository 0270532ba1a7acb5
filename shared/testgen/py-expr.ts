/**
 * Python expressions as a small tree, printed the way black prints them.
 *
 * An expression prints on one line when it fits; else a bracketed one puts its contents on one
 * indented line ("right-hand split"); else one item per line with a trailing comma, recursively.
 */
export type Expr =
  | {t: 'atom'; text: string}
  | {t: 'call'; fn: string; args: Expr[]; kwargs: [string, Expr][]}
  | {t: 'seq'; kind: 'list' | 'tuple' | 'set'; items: Expr[]}
  | {t: 'dict'; entries: [Expr, Expr][]}
  | {t: 'binop'; op: string; left: Expr; right: Expr}
  | {t: 'suffix'; base: Expr; suffix: string} // `call(...).attr`, `x[0]`

/** The line width black uses by default. */
export const LINE_WIDTH = 88

/** An already-printed piece of Python (a name, a literal). */
export const atom = (text: string): Expr => ({t: 'atom', text})

/** `fn(args..., name=value...)`. */
export function call(fn: string, args: Expr[] = [], kwargs: [string, Expr][] = []): Expr {
  return {t: 'call', fn, args, kwargs}
}

/** `[a, b]`, `(a, b)` or `{a, b}`. */
export const seq = (kind: 'list' | 'tuple' | 'set', items: Expr[]): Expr => ({
  t: 'seq',
  kind,
  items,
})

/** `{k: v}`. */
export const dict = (entries: [Expr, Expr][]): Expr => ({t: 'dict', entries})

/** `left op right`. */
export const binop = (op: string, left: Expr, right: Expr): Expr => ({t: 'binop', op, left, right})

/** `base.attr`, `base[0]`, `base.method()`. */
export const suffix = (base: Expr, text: string): Expr => ({t: 'suffix', base, suffix: text})

/** `name=` before a keyword argument; the key `**` unpacks a mapping (`**{"odd name": 1}`). */
const kwargPrefix = (k: string): string => (k === '**' ? '**' : `${k}=`)

/** One line of Python text for an expression, however long. */
export function flat(e: Expr): string {
  switch (e.t) {
    case 'atom':
      return e.text
    case 'call':
      return `${e.fn}(${[...e.args.map(flat), ...e.kwargs.map(([k, v]) => kwargPrefix(k) + flat(v))].join(', ')})`
    case 'seq': {
      const inner = e.items.map(flat).join(', ')
      if (e.kind === 'list') return `[${inner}]`
      if (e.kind === 'set') return e.items.length === 0 ? 'set()' : `{${inner}}`
      return e.items.length === 1 ? `(${inner},)` : `(${inner})`
    }
    case 'dict':
      return `{${e.entries.map(([k, v]) => `${flat(k)}: ${flat(v)}`).join(', ')}}`
    case 'binop':
      return `${flat(e.left)} ${e.op} ${flat(e.right)}`
    case 'suffix':
      return flat(e.base) + e.suffix
  }
}

interface Brackets {
  open: string
  close: string
  items: Expr[]
  /** How item i prints before its value (`name=`, `key: `). */
  prefixes: string[]
  /** A one-item tuple keeps its comma. */
  forceComma: boolean
}

function bracketsOf(e: Expr): Brackets | undefined {
  switch (e.t) {
    case 'call':
      return {
        open: `${e.fn}(`,
        close: ')',
        items: [...e.args, ...e.kwargs.map(([, v]) => v)],
        prefixes: [...e.args.map(() => ''), ...e.kwargs.map(([k]) => kwargPrefix(k))],
        forceComma: false,
      }
    case 'seq': {
      if (e.items.length === 0) return undefined
      const [open, close] =
        e.kind === 'list' ? ['[', ']'] : e.kind === 'set' ? ['{', '}'] : ['(', ')']
      return {
        open: open,
        close: close,
        items: e.items,
        prefixes: e.items.map(() => ''),
        forceComma: e.kind === 'tuple' && e.items.length === 1,
      }
    }
    case 'dict':
      if (e.entries.length === 0) return undefined
      return {
        open: '{',
        close: '}',
        items: e.entries.map(([, v]) => v),
        prefixes: e.entries.map(([k]) => `${flat(k)}: `),
        forceComma: false,
      }
    default:
      return undefined
  }
}

/**
 * The lines of `e` printed at `indent` spaces, where the first line already holds `lead`
 * (e.g. `response = `) and the last line must leave room for `trail` (e.g. `)` or `,`).
 */
export function formatExpr(e: Expr, indent: number, lead = '', trail = ''): string[] {
  const pad = ' '.repeat(indent)
  const one = flat(e)
  if (indent + lead.length + one.length + trail.length <= LINE_WIDTH) {
    return [pad + lead + one + trail]
  }
  if (e.t === 'binop') {
    const left = flat(e.left)
    return formatExpr(e.right, indent, `${lead}${left} ${e.op} `, trail)
  }
  if (e.t === 'suffix') {
    const lines = formatExpr(e.base, indent, lead, '')
    lines[lines.length - 1] += e.suffix + trail
    return lines
  }
  const b = bracketsOf(e)
  if (!b) return [pad + lead + one + trail]
  const inner = ' '.repeat(indent + 4)
  const items = b.items.map((item, i) => b.prefixes[i]! + flat(item))
  const hug = items.join(', ') + (b.forceComma ? ',' : '')
  if (inner.length + hug.length <= LINE_WIDTH && !items.some(s => s.includes('\n'))) {
    return [pad + lead + b.open, inner + hug, pad + b.close + trail]
  }
  if (b.items.length === 1 && !b.forceComma) {
    // A sole argument splits inside its own brackets; black adds no trailing comma then.
    return [
      pad + lead + b.open,
      ...formatExpr(b.items[0]!, indent + 4, b.prefixes[0]),
      pad + b.close + trail,
    ]
  }
  const lines = [pad + lead + b.open]
  b.items.forEach((item, i) => lines.push(...formatExpr(item, indent + 4, b.prefixes[i], ',')))
  lines.push(pad + b.close + trail)
  return lines
}

/** A Python str literal, black's way: double quotes unless that needs more escapes. */
export function pyStr(s: string): string {
  const quote = s.includes('"') && !s.includes("'") ? "'" : '"'
  let out = quote
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += '\\' + quote
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0')
    else if (code >= 0x80 && code <= 0x9f) out += '\\x' + code.toString(16)
    else if (code === 0x2028 || code === 0x2029) out += '\\u' + code.toString(16)
    else out += ch
  }
  return out + quote
}

/** `name` is a Python identifier that is not a keyword. */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !pythonKeywords.has(name)
}

const pythonKeywords = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
)
