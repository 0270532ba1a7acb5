/**
 * The words a POSIX shell reads from a command made only of single-quoted words, bare words
 * (letters, digits, `./:-_`), `\'` and backslash-newlines, with `#` comment lines.
 *
 * A tiny argv parser for the commands toCurl/toHttpie write: the tests use it to check their
 * quoting and to replay a command without a shell. Anything else (a `$`, an unquoted `"`) throws.
 */
export function shellWords(command: string): string[] {
  const words: string[] = []
  // Only leading comment lines: a quoted body may hold lines that start with '#'.
  const text = command.replace(/^(#[^\n]*\n)+/, '')
  let word: string | undefined
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new Error('unterminated quote')
      word = (word ?? '') + text.slice(i + 1, end)
      i = end
    } else if (ch === '\\' && text[i + 1] === "'") {
      word = (word ?? '') + "'"
      i++
    } else if (ch === '\\' && text[i + 1] === '\n') {
      i++
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (/[\w./:-]/.test(ch)) {
      word = (word ?? '') + ch
    } else {
      throw new Error(`unquoted special character ${JSON.stringify(ch)} at ${i}`)
    }
  }
  if (word !== undefined) words.push(word)
  return words
}
