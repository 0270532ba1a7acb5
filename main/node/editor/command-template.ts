import {ApiError} from '../../../shared/api/errors'
import type {EditorTarget} from './presets'

/** A custom editor template, parsed: a command with its argument vector, or a URL to open. */
export type TemplateLaunch =
  {kind: 'command'; command: string; args: string[]} | {kind: 'url'; url: string}

/** Whether a template is a URL (`scheme://…`) rather than a command. */
export function isUrlTemplate(template: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(template.trim())
}

/**
 * Split a command template into words, once, as a shell would split a simple command, but with
 * no expansion of any kind: `'…'` and `"…"` quote, a backslash escapes a quote, a space or a
 * backslash (elsewhere it is literal, for Windows paths). Nothing here ever reaches a shell.
 */
export function splitWords(template: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let quote: string | undefined
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!
    if (quote) {
      if (ch === quote) quote = undefined
      else if (
        ch === '\\' &&
        quote === '"' &&
        (template[i + 1] === '"' || template[i + 1] === '\\')
      ) {
        word += template[++i]
      } else word += ch
      continue
    }
    if (ch === "'" || ch === '"') {
      quote = ch
      inWord = true
    } else if (ch === '\\' && /["' \\]/.test(template[i + 1] ?? '')) {
      word += template[++i]
      inWord = true
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else {
      word += ch
      inWord = true
    }
  }
  if (quote) throw new ApiError('bad-request', `Editor command: unclosed ${quote} in ${template}`)
  if (inWord) words.push(word)
  return words
}

const placeholder = /\{(file|line|column)\}/g

function substitute(word: string, t: EditorTarget, encode: (s: string) => string): string {
  return word.replace(placeholder, (_, name: string) =>
    name === 'file' ? encode(t.file) : name === 'line' ? String(t.line) : String(t.column ?? 1),
  )
}

/** A path for a URL: each component percent-encoded, the slashes kept. */
export function encodePath(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map(part => encodeURIComponent(part))
    .join('/')
}

/**
 * The launch a custom template asks for, with {file} {line} {column} filled in.
 *
 * A command template is split into words first and placeholders are filled inside each word, so
 * a file name stays one argument whatever it contains. The command itself may not be a
 * placeholder (it must come from the user, not from the trace). Without {file}, the file is
 * appended as the last argument. In a URL template the file is percent-encoded.
 */
export function expandTemplate(template: string, t: EditorTarget): TemplateLaunch {
  if (isUrlTemplate(template)) {
    return {kind: 'url', url: substitute(template.trim(), t, encodePath)}
  }
  const words = splitWords(template)
  const [command, ...rest] = words
  if (command === undefined) {
    throw new ApiError('bad-request', 'Editor command: the template is empty')
  }
  if (/\{(file|line|column)\}/.test(command)) {
    throw new ApiError(
      'bad-request',
      `Editor command: the command may not be a placeholder (${command})`,
    )
  }
  const hasFile = rest.some(w => w.includes('{file}'))
  const args = rest.map(w => substitute(w, t, s => s))
  return {kind: 'command', command, args: hasFile ? args : [...args, t.file]}
}
