import {describe, expect, it} from 'vitest'
import {
  applyMappings,
  functionExtent,
  hasPrefix,
  languageOf,
  mappingBetween,
  pathTail,
  splitLines,
} from './source'

const services = `import json

logger = None


def fetch_isbn(isbn):
    """Looks a book up."""
    with open(isbn) as response:
        return json.loads(response.read())


def import_book(isbn):
    record = fetch_isbn(isbn)
    if record:
        logger.info("x")
    book = create(
        title=record["title"], isbn=isbn
    )
    return book


@decorate(
    arg=1,
)
def decorated(
    a,
    b,
) -> int:
    text = """
not the end
"""
    return a  # done

# trailing comment
class Later:
    def method(self): return 1
    def other(self):
        pass
x = 1
`

describe('functionExtent', () => {
  const lines = splitLines(services)
  it.each([
    [6, 6, 9, 'a def with a docstring'],
    [12, 12, 19, 'a body with a multi-line call'],
    [22, 22, 32, 'decorators, a multi-line signature, a dedented triple-quoted string'],
    [36, 36, 36, 'a one-line method'],
    [37, 37, 38, 'a method ends at the next dedent'],
    [35, 35, 38, 'a class'],
  ])('line %i spans %i…%i (%s)', (def, start, end) => {
    expect(functionExtent(lines, def)).toEqual({start, end})
  })
  it('gives the whole file for a module frame', () => {
    expect(functionExtent(lines, 0)).toEqual({start: 1, end: lines.length})
  })
})

describe('paths', () => {
  it('names languages', () => {
    expect(languageOf('shelf/services.py')).toBe('python')
    expect(languageOf('shelf/templates/shelf/list.html')).toBe('django')
    expect(languageOf('README')).toBe('plaintext')
    expect(languageOf('C:\\app\\x.PY')).toBe('python')
  })
  it('matches prefixes at path boundaries only', () => {
    expect(hasPrefix('/app/shelf/x.py', '/app')).toBe(true)
    expect(hasPrefix('/app/shelf/x.py', '/app/')).toBe(true)
    expect(hasPrefix('/apple/x.py', '/app')).toBe(false)
    expect(hasPrefix('x.py', '')).toBe(false)
  })
  it('applies the longest mapping', () => {
    const mappings = [
      {from: '/app', to: '/home/me/shop'},
      {from: '/app/vendor/', to: '/opt/vendor/'},
    ]
    expect(applyMappings('/app/shelf/x.py', mappings)?.path).toBe('/home/me/shop/shelf/x.py')
    expect(applyMappings('/app/vendor/y.py', mappings)?.path).toBe('/opt/vendor/y.py')
    expect(applyMappings('/srv/y.py', mappings)).toBeUndefined()
    expect(
      applyMappings('../../usr/lib/python3/dist-packages/django/http/request.py', [
        {from: '../../usr/lib/python3/dist-packages/', to: '/venv/site-packages'},
      ])?.path,
    ).toBe('/venv/site-packages/django/http/request.py')
  })
  it('suggests a mapping from two places of one file', () => {
    expect(mappingBetween('/app/shelf/services.py', '/home/me/shop/shelf/services.py')).toEqual({
      from: '/app/',
      to: '/home/me/shop/',
    })
    expect(mappingBetween('/app/a.py', '/home/b.py')).toBeUndefined()
    expect(mappingBetween('/app/a.py', '/app/a.py')).toBeUndefined()
  })
  it('takes path tails without dots', () => {
    expect(pathTail('../../usr/lib/python3/django/db/query.py', 3)).toBe('django/db/query.py')
    expect(pathTail('shelf/services.py', 5)).toBe('shelf/services.py')
  })
})
