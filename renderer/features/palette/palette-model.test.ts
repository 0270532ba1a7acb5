import {describe, expect, it, vi} from 'vitest'
import {
  flatOptions,
  highlightParts,
  looksLikePath,
  matchCommands,
  paletteSections,
} from './palette-model'
import {moduleOf} from './palette-actions'

const commands = [
  {id: 'a', label: 'Show the Flame view', run: vi.fn()},
  {id: 'b', label: 'Theme: dark', keywords: 'colour appearance', run: vi.fn()},
]

describe('palette model', () => {
  it('finds commands by label and keywords, all of them for no query', () => {
    expect(matchCommands(commands, '').map(c => c.id)).toEqual(['a', 'b'])
    expect(matchCommands(commands, 'flame').map(c => c.id)).toEqual(['a'])
    expect(matchCommands(commands, 'appear').map(c => c.id)).toEqual(['b'])
    expect(matchCommands(commands, 'zzz')).toEqual([])
  })

  it('offers to open a project at a path typed', () => {
    expect(looksLikePath('/home/me/shop')).toBe(true)
    expect(looksLikePath('C:\\src\\shop')).toBe(true)
    expect(looksLikePath('book')).toBe(false)
    const open = vi.fn()
    const sections = paletteSections(undefined, commands, '/home/me/shop', open)
    const first = flatOptions(sections)[0]!
    expect(first.kind === 'command' && first.command.label).toBe('Open project at /home/me/shop')
    if (first.kind === 'command') first.command.run()
    expect(open).toHaveBeenCalledWith('/home/me/shop')
  })

  it('gives every option a distinct id, in list order', () => {
    const sections = paletteSections(
      {
        query: 'x',
        groups: [
          {
            kind: 'trace',
            more: false,
            items: [
              {kind: 'trace', label: 'x', score: 1},
              {kind: 'trace', label: 'y', score: 1},
            ],
          },
        ],
      },
      commands,
      '',
    )
    const ids = flatOptions(sections).map(o => o.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(sections.map(s => s.title)).toEqual(['Traces', 'Commands'])
  })

  it('marks where the words of the query matched', () => {
    expect(highlightParts('shelf.views.book_list', 'book VIEWS')).toEqual([
      {text: 'shelf.', hit: false},
      {text: 'views', hit: true},
      {text: '.', hit: false},
      {text: 'book', hit: true},
      {text: '_list', hit: false},
    ])
    expect(highlightParts('abc', '')).toEqual([{text: 'abc', hit: false}])
  })

  it('names the module of a file, for finding its functions', () => {
    expect(moduleOf('shelf/views.py')).toBe('shelf.views')
    expect(moduleOf('/venv/lib/python3.12/site-packages/django/db/models/query.py')).toBe(
      'django.db.models.query',
    )
    expect(moduleOf('shop/__init__.py')).toBe('shop')
  })
})
