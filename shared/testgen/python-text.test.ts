import {describe, expect, it} from 'vitest'
import type {PyValue} from '../values/py-value'
import {rebuildCell} from './cell-values'
import {
  parseModelRepr,
  parseQuerySetRepr,
  parseRequestRepr,
  parseUnevaluatedQuerySet,
} from './django-reprs'
import {htmlUnescape, isDebugPage, selectOptions} from './html-text'
import {parseJsonValue} from './json-value'
import {atom, call, dict, flat, formatExpr, pyStr, seq, suffix} from './py-expr'
import type {PyLit} from './py-literal'
import {literal} from './py-literal'
import {PythonImports} from './python-imports'
import {defParams, moduleOfFile} from './python-source'
import type {FieldSchema} from './schema'
import {fieldKindOf} from './schema'

const s = (t: string): PyValue => ({t: 'str', v: t})

describe('formatExpr (black-like)', () => {
  const kw = (n: number): [string, ReturnType<typeof atom>][] =>
    Array.from({length: n}, (_, i) => [`field_${i}`, atom(pyStr(`value number ${i}`))])

  it('keeps what fits on one line', () => {
    expect(formatExpr(call('f', [atom('1')], [['b', atom('"x"')]]), 8, 'y = ')).toEqual([
      '        y = f(1, b="x")',
    ])
  })

  it('hugs the arguments on one indented line, else one per line with a trailing comma', () => {
    expect(formatExpr(call('Book.objects.create', [], kw(3)), 8, 'book = ')).toEqual([
      '        book = Book.objects.create(',
      '            field_0="value number 0", field_1="value number 1", field_2="value number 2"',
      '        )',
    ])
    expect(formatExpr(call('Book.objects.create', [], kw(4)), 8, 'book = ')).toEqual([
      '        book = Book.objects.create(',
      '            field_0="value number 0",',
      '            field_1="value number 1",',
      '            field_2="value number 2",',
      '            field_3="value number 3",',
      '        )',
    ])
  })

  it('splits a sole argument inside its own brackets, without a trailing comma after it', () => {
    const big = dict(kw(5).map(([k, v]) => [atom(pyStr(k)), v]))
    const lines = formatExpr(suffix(call('json.dumps', [big]), '.encode()'), 4)
    expect(lines[0]).toBe('    json.dumps(')
    expect(lines[1]).toBe('        {')
    expect(lines[lines.length - 2]).toBe('        }')
    expect(lines[lines.length - 1]).toBe('    ).encode()')
  })

  it('prints Python collections faithfully', () => {
    expect(flat(seq('tuple', [atom('1')]))).toBe('(1,)')
    expect(flat(seq('set', []))).toBe('set()')
    expect(flat(call('f', [], [['**', atom('{"a b": 1}')]]))).toBe('f(**{"a b": 1})')
    expect(pyStr('say "hi"')).toBe(`'say "hi"'`)
    expect(pyStr('it\'s "x"\n')).toBe('"it\'s \\"x\\"\\n"')
  })
})

describe('literal and rebuildCell', () => {
  const imports = new PythonImports()
  const text = (v: PyLit): string | undefined => {
    const e = literal(v, imports)
    return e && flat(e)
  }
  const field = (fieldClass: string, extra: Partial<FieldSchema> = {}): FieldSchema => ({
    name: 'f',
    attname: 'f',
    column: 'f',
    kind: fieldKindOf(fieldClass),
    fieldClass,
    null: false,
    primaryKey: false,
    unique: false,
    ...extra,
  })
  const cases: [PyValue, FieldSchema | undefined, boolean, string | undefined][] = [
    [{t: 'int', v: '12'}, field('DecimalField', {decimalPlaces: 2}), true, 'Decimal("12.00")'],
    [{t: 'float', v: 11.25}, field('DecimalField'), true, 'Decimal("11.25")'],
    [s('10.5'), field('DecimalField', {decimalPlaces: 2}), true, 'Decimal("10.50")'],
    [s('["sf", 1, 1.0, null]'), field('JSONField'), true, '["sf", 1, 1.0, None]'],
    [
      {t: 'datetime', v: '2026-11-25T22:49:31.689966'},
      field('DateTimeField'),
      true,
      'datetime(2026, 11, 25, 22, 49, 31, 689966, tzinfo=timezone.utc)',
    ],
    [s('2026-11-25 22:49:32'), field('DateTimeField'), false, 'datetime(2026, 11, 25, 22, 49, 32)'],
    [
      {t: 'datetime', v: '2026-11-25T22:49:00+02:00'},
      field('DateTimeField'),
      true,
      'datetime(2026, 11, 25, 22, 49, tzinfo=timezone(timedelta(minutes=120)))',
    ],
    [s('2026-01-31'), field('DateField'), true, 'date(2026, 1, 31)'],
    [{t: 'int', v: '1'}, field('BooleanField'), true, 'True'],
    [
      s('0f8fad5bd9cb469fa16570867728950e'),
      field('UUIDField'),
      true,
      'UUID("0f8fad5b-d9cb-469f-a165-70867728950e")',
    ],
    [{t: 'int', v: '90000000'}, field('DurationField'), true, 'timedelta(microseconds=90000000)'],
    [
      {t: 'repr', v: 'datetime.timedelta(days=1, seconds=5)'},
      field('DurationField'),
      true,
      'timedelta(microseconds=86405000000)',
    ],
    [{t: 'int', v: '7'}, undefined, true, '7'],
    [{t: 'bytes', hex: '00ff41', length: 3}, field('BinaryField'), true, 'b"\\x00\\xffA"'],
    [{t: 'repr', v: '<memory at 0x7f>'}, field('BinaryField'), true, undefined],
    [{t: 'str', v: 'cut', cut: 10}, field('CharField'), true, undefined],
  ]
  it.each(cases)('%j as %s → %s', (raw, f, useTz, expected) => {
    expect(text(rebuildCell(raw, f, {useTz}))).toBe(expected)
  })
})

describe('parseJsonValue', () => {
  it('keeps ints, floats, big ints, escapes and key order as json.loads does', () => {
    expect(
      parseJsonValue('{"b": 1, "a": [1.0, 12345678901234567890, "\\u00e9\\n", true, null]}'),
    ).toEqual({
      t: 'dict',
      entries: [
        [s('b'), {t: 'int', v: '1'}],
        [
          s('a'),
          {
            t: 'list',
            items: [
              {t: 'float', v: 1},
              {t: 'int', v: '12345678901234567890'},
              s('é\n'),
              {t: 'bool', v: true},
              {t: 'none'},
            ],
          },
        ],
      ],
    })
    expect(parseJsonValue('{"a": 1} x')).toBeUndefined()
    expect(parseJsonValue('')).toBeUndefined()
  })
})

describe('reprs, HTML and Python source', () => {
  it('reads Django reprs', () => {
    expect(parseModelRepr('<Book: Book object (4)>')).toEqual({
      className: 'Book',
      label: 'Book object (4)',
      pk: '4',
    })
    expect(parseModelRepr('<Author: Ada <Lovelace>>')).toEqual({
      className: 'Author',
      label: 'Ada <Lovelace>',
    })
    expect(parseModelRepr("<WSGIRequest: GET '/'>")).toBeUndefined()
    expect(parseModelRepr('<HttpResponse status_code=200, "text/html">')).toBeUndefined()
    expect(parseQuerySetRepr('<QuerySet [<Book: Book object (1)>, <Author: A, B>]>')).toEqual([
      {className: 'Book', label: 'Book object (1)', pk: '1'},
      {className: 'Author', label: 'A, B'},
    ])
    expect(
      parseQuerySetRepr("<QuerySet [<Book: x>, '...(remaining elements truncated)...']>"),
    ).toBeUndefined()
    expect(parseUnevaluatedQuerySet("Unevaluated queryset for: <class 'shelf.models.Book'>")).toBe(
      'shelf.models.Book',
    )
    expect(parseRequestRepr("<WSGIRequest: GET '/stats/?tag=a'>")).toEqual({
      method: 'GET',
      path: '/stats/?tag=a',
    })
  })

  it('reads select options and recognises the DEBUG pages', () => {
    const html =
      '<select name="author" required><option value="">--</option><option value="1">A &amp; B</option></select>'
    expect([...selectOptions(html)]).toEqual([['author', [{value: '1', label: 'A & B'}]]])
    expect(htmlUnescape('&#x27;&lt;&#39;')).toBe("'<'")
    expect(isDebugPage('<meta name="robots" content="NONE,NOARCHIVE">')).toBe(true)
    expect(isDebugPage('<h1>Books</h1>')).toBe(false)
  })

  it('reads def signatures and the module of a file', () => {
    const src = '@cache\ndef f(a, /, b: int = 1, *args, c=(1, 2), **kw):  # x\n    pass\n'
    expect(defParams(src, 1, 'f')).toEqual([
      {name: 'a', kind: 'positional-only'},
      {name: 'b', kind: 'normal'},
      {name: 'args', kind: 'var-positional'},
      {name: 'c', kind: 'keyword-only'},
      {name: 'kw', kind: 'var-keyword'},
    ])
    expect(moduleOfFile('shelf/models.py', 'shelf.models.Book.average_rating')).toBe('shelf.models')
    expect(moduleOfFile('src/shop/models/__init__.py', 'shop.models.Order.total')).toBe(
      'shop.models',
    )
    expect(
      moduleOfFile('../../usr/lib/python3/dist-packages/django/db.py', 'django.db.x'),
    ).toBeUndefined()
  })
})
