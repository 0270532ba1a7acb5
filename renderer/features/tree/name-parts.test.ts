import {describe, expect, it} from 'vitest'
import {splitQualname} from './name-parts'

describe('splitQualname', () => {
  it.each([
    [
      'django.http.request.HttpRequest.get_host',
      '/usr/lib/python3/dist-packages/django/http/request.py',
      'django.http.request.',
      'HttpRequest.get_host',
    ],
    [
      'shelf.views.stats.<locals>.<listcomp>',
      'shelf/views.py',
      'shelf.views.',
      'stats.<locals>.<listcomp>',
    ],
    ['shelf.views.book_list', 'shelf/views.py', 'shelf.views.', 'book_list'],
    ['pkg.helpers', 'pkg/__init__.py', 'pkg.', 'helpers'],
    ['a.b.Klass.meth', undefined, 'a.b.', 'Klass.meth'],
    ['a.b.func', 'elsewhere.py', 'a.b.', 'func'],
    ['main', 'x.py', '', 'main'],
  ])('%s', (name, file, prefix, main) => {
    expect(splitQualname(name, file)).toEqual([prefix, main])
  })
})
