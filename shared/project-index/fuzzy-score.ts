/**
 * How well `text` matches a palette query, or undefined when it does not.
 *
 * Every whitespace-separated word of the query must occur in the text, case-insensitively: as a
 * substring (scored high, more so at the start or a word boundary: after `.` `/` `_` `-` `:` or a
 * space, or at a camel hump), else as a subsequence (each letter in order, scored by how many
 * letters run on and land on boundaries). Shorter texts win ties; the exact text wins outright.
 */
export function fuzzyScore(query: string, text: string): number | undefined {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return undefined
  const lower = text.toLowerCase()
  let score = 0
  for (const word of words) {
    const s = substringScore(word, text, lower) ?? subsequenceScore(word, text, lower)
    if (s === undefined) return undefined
    score += s
  }
  if (lower === query.trim().toLowerCase()) score += 200
  return score - text.length * 0.05
}

function isBoundary(text: string, i: number): boolean {
  if (i === 0) return true
  const before = text[i - 1]!
  if ('./_-: \\('.includes(before)) return true
  const ch = text[i]!
  return ch >= 'A' && ch <= 'Z' && before >= 'a' && before <= 'z'
}

function substringScore(word: string, text: string, lower: string): number | undefined {
  let best: number | undefined
  for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
    const bonus = at === 0 ? 40 : isBoundary(text, at) ? 25 : 0
    // A word that ends where a segment ends (`views` in `shelf.views.book_list`) is a whole name.
    const end = at + word.length
    const whole = end === text.length || isBoundary(text, end) ? 10 : 0
    const s = 100 + word.length * 4 + bonus + whole
    if (best === undefined || s > best) best = s
  }
  return best
}

function subsequenceScore(word: string, text: string, lower: string): number | undefined {
  let score = 0
  let last = -2
  let at = 0
  for (const ch of word) {
    // Prefer the next boundary occurrence of the letter when there is one before the next letter.
    let found = lower.indexOf(ch, at)
    if (found < 0) return undefined
    for (let j = found; j >= 0 && j < lower.length; j = lower.indexOf(ch, j + 1)) {
      if (isBoundary(text, j)) {
        if (j === found || j - found < 12) found = j
        break
      }
    }
    score += 1
    if (found === last + 1) score += 3
    if (isBoundary(text, found)) score += 6
    last = found
    at = found + 1
  }
  return score
}
