import {describe, expect, it} from 'vitest'
import {fuzzyScore} from './fuzzy-score'

const rank = (query: string, texts: string[]): string[] =>
  texts
    .map(t => [t, fuzzyScore(query, t)] as const)
    .filter((e): e is readonly [string, number] => e[1] !== undefined)
    .sort((a, b) => b[1] - a[1])
    .map(e => e[0])

describe('fuzzyScore', () => {
  it('needs every word, in any order, case-insensitively', () => {
    expect(fuzzyScore('book rating', 'shelf.models.Book.average_rating')).toBeDefined()
    expect(fuzzyScore('RATING book', 'shelf.models.Book.average_rating')).toBeDefined()
    expect(fuzzyScore('book xyz', 'shelf.models.Book.average_rating')).toBeUndefined()
    expect(fuzzyScore('', 'anything')).toBeUndefined()
  })

  it('matches letters in order when the word is not a substring', () => {
    expect(fuzzyScore('bkavg', 'shelf.models.Book.average_rating')).toBeDefined()
    expect(fuzzyScore('gvakb', 'shelf.models.Book.average_rating')).toBeUndefined()
  })

  it('ranks substrings over scattered letters, boundaries over mid-word, short over long', () => {
    expect(
      rank('list', ['shelf.views.book_list', 'shelf/templates/shelf/book_list.html', 'li_s_t']),
    ).toEqual(['shelf.views.book_list', 'shelf/templates/shelf/book_list.html', 'li_s_t'])
    expect(rank('view', ['shelf.preview.x', 'shelf.views.x'])).toEqual([
      'shelf.views.x',
      'shelf.preview.x',
    ])
  })

  it('puts the exact text first', () => {
    expect(rank('stats', ['shelf.views.stats', 'stats', 'price_stats'])[0]).toBe('stats')
  })

  it('rewards camel humps and separators in subsequences', () => {
    expect(rank('gc', ['GatewayClient', 'getcache'])).toEqual(['GatewayClient', 'getcache'])
  })
})
