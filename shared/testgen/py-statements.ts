import type {Expr} from './py-expr'
import {formatExpr} from './py-expr'

/** One Python statement of a generated test body. */
export type Stmt =
  | {t: 'assign'; target: string; value: Expr}
  | {t: 'expr'; value: Expr}
  | {t: 'assert'; test: Expr}
  | {t: 'with'; context: Expr; as?: string; body: Stmt[]}
  | {t: 'for'; target: string; iter: Expr; body: Stmt[]}
  | {t: 'comment'; text: string}
  | {t: 'blank'}

/** `target = value`. */
export const assign = (target: string, value: Expr): Stmt => ({t: 'assign', target, value})

/** An expression statement. */
export const exprStmt = (value: Expr): Stmt => ({t: 'expr', value})

/** `# text` (long text wraps over several comment lines). */
export const comment = (text: string): Stmt => ({t: 'comment', text})

/** An empty line between the arrange, act and assert parts. */
export const blank: Stmt = {t: 'blank'}

/** The lines of statements at `indent` spaces, black-like. */
export function renderStmts(stmts: readonly Stmt[], indent: number): string[] {
  const pad = ' '.repeat(indent)
  const out: string[] = []
  for (const s of stmts) {
    switch (s.t) {
      case 'assign':
        out.push(...formatExpr(s.value, indent, `${s.target} = `))
        break
      case 'expr':
        out.push(...formatExpr(s.value, indent))
        break
      case 'assert':
        out.push(...formatExpr(s.test, indent, 'assert '))
        break
      case 'with': {
        const head = formatExpr(
          s.context,
          indent,
          'with ',
          s.as === undefined ? ':' : ` as ${s.as}:`,
        )
        out.push(...head, ...renderStmts(s.body, indent + 4))
        break
      }
      case 'for':
        out.push(
          ...formatExpr(s.iter, indent, `for ${s.target} in `, ':'),
          ...renderStmts(s.body, indent + 4),
        )
        break
      case 'comment':
        for (const line of wrapComment(s.text, 88 - indent - 2)) out.push(`${pad}# ${line}`)
        break
      case 'blank':
        if (out.length > 0 && out[out.length - 1] !== '') out.push('')
        break
    }
  }
  while (out[out.length - 1] === '') out.pop()
  return out
}

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
export function wrapComment(text: string, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line)
        line = word
      } else {
        line = line ? `${line} ${word}` : word
      }
    }
    lines.push(line)
  }
  return lines
}
