/** Text as Django's `escape` writes it into HTML (what `{{ value }}` renders). */
export function htmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#x27;')
}

const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

/** HTML text with its character references resolved. */
export function htmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) {
      return String.fromCodePoint(parseInt(ref.slice(2), 16))
    }
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
    return named[ref.toLowerCase()] ?? whole
  })
}

/** One `<option>` of a `<select>`: its value and its visible label. */
export interface SelectOption {
  value: string
  label: string
}

/**
 * The options of each `<select name="…">` in an HTML page, by select name.
 *
 * A form's ModelChoiceField renders one option per row: the value is the primary key and the
 * label is `str(instance)`. The empty choice (value "") is left out.
 */
export function selectOptions(html: string): Map<string, SelectOption[]> {
  const out = new Map<string, SelectOption[]>()
  const selects = /<select\b([^>]*)>([\s\S]*?)<\/select>/gi
  for (let m = selects.exec(html); m; m = selects.exec(html)) {
    const name = attribute(m[1]!, 'name')
    if (name === undefined) continue
    const options: SelectOption[] = []
    const optionRe = /<option\b([^>]*)>([\s\S]*?)<\/option>/gi
    for (let o = optionRe.exec(m[2]!); o; o = optionRe.exec(m[2]!)) {
      const value = attribute(o[1]!, 'value')
      if (value === undefined || value === '') continue
      options.push({value, label: htmlUnescape(o[2]!.trim())})
    }
    out.set(name, [...(out.get(name) ?? []), ...options])
  }
  return out
}

function attribute(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs)
  if (!m) return undefined
  return htmlUnescape(m[1] ?? m[2] ?? m[3] ?? '')
}

/** Whether a page is Django's technical 404/500 page (DEBUG = True), which tests never see. */
export function isDebugPage(html: string): boolean {
  return (
    html.includes("You're seeing this error because you have <code>DEBUG = True</code>") ||
    /<meta name="robots" content="NONE,NOARCHIVE">/.test(html)
  )
}
