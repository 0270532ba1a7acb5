import hljs from 'highlight.js/lib/core'
import django from 'highlight.js/lib/languages/django'
import javascript from 'highlight.js/lib/languages/javascript'
import json from 'highlight.js/lib/languages/json'
import python from 'highlight.js/lib/languages/python'
import sql from 'highlight.js/lib/languages/sql'
import xml from 'highlight.js/lib/languages/xml'
import {splitLines} from '../../../shared/model/source'

hljs.registerLanguage('python', python)
hljs.registerLanguage('xml', xml)
hljs.registerLanguage('django', django)
hljs.registerLanguage('json', json)
hljs.registerLanguage('sql', sql)
hljs.registerLanguage('javascript', javascript)

// Past this size highlighting costs more than it helps: lines are shown as escaped text.
const maxHighlightChars = 400_000

/** Text escaped for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, ch => `&#${ch.charCodeAt(0)};`)
}

/**
 * A file's lines as HTML, one string per line, highlighted by highlight.js.
 *
 * highlight.js escapes the text it is given and emits only `<span class="…">` tags, which is what
 * makes this HTML safe to insert (trace sources are untrusted). The whole file is highlighted
 * at once, so a string or comment that spans lines is coloured right; then spans still open at a
 * line break are closed there and reopened on the next line, so each line stands alone.
 */
export function highlightLines(text: string, language: string): string[] {
  const lines = splitLines(text)
  if (text.length > maxHighlightChars || !hljs.getLanguage(language)) return lines.map(escapeHtml)
  const html = hljs.highlight(text.replace(/\r\n?/g, '\n'), {language, ignoreIllegals: true}).value
  const out: string[] = []
  const open: string[] = []
  let line = ''
  const tag = /<span class="[^"]*">|<\/span>|\n/g
  let last = 0
  for (let m = tag.exec(html); m !== null; m = tag.exec(html)) {
    line += html.slice(last, m.index)
    last = m.index + m[0].length
    if (m[0] === '\n') {
      out.push(line + '</span>'.repeat(open.length))
      line = open.join('')
    } else if (m[0] === '</span>') {
      open.pop()
      line += m[0]
    } else {
      open.push(m[0])
      line += m[0]
    }
  }
  line += html.slice(last)
  if (line !== '' || out.length < lines.length) out.push(line)
  return out.slice(0, lines.length)
}

const cache = new WeakMap<object, string[]>()

/** highlightLines, remembered per file object (a SourceFile is immutable once fetched). */
export function highlightedLinesOf(file: {text?: string; language: string}): string[] {
  let lines = cache.get(file)
  if (!lines) {
    lines = highlightLines(file.text ?? '', file.language)
    cache.set(file, lines)
  }
  return lines
}
