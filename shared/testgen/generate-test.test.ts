import {describe, expect, it} from 'vitest'
import type {PyValue} from '../values/py-value'
import {generateTest} from './generate-test'
import type {TestGenResult} from './report'
import type {ProjectSchema} from './schema'
import {emptySchema} from './schema'
import {librarySchema} from './testing/library-schema'
import {TraceBuilder, v} from './testing/trace-builder'

const BOOK_COLS =
  '"library_book"."id", "library_book"."title", "library_book"."isbn", "library_book"."author_id", "library_book"."price", "library_book"."tags", "library_book"."in_stock"'
const AUTHOR_COLS = '"library_author"."id", "library_author"."name", "library_author"."born"'
const book = (id: number, title: string, author: number, price: number): PyValue[] => [
  v.int(id),
  v.str(title),
  v.str(`isbn-${id}`),
  v.int(author),
  Number.isInteger(price) ? v.int(price) : v.float(price),
  v.str('["sf"]'),
  v.int(1),
]

interface RequestSpec {
  method?: string
  path?: string
  status?: number
  contentType?: string
  content?: string
  headers?: Record<string, string>
  body?: string
  post?: Record<string, string[]>
  query?: Record<string, string[]>
  location?: string
}

function request(b: TraceBuilder, r: RequestSpec = {}): number {
  const headers: Record<string, PyValue> = {}
  for (const [k, val] of Object.entries(r.headers ?? {})) headers[k] = v.str(val)
  const responseHeaders: Record<string, PyValue> = {
    'Content-Type': v.str(r.contentType ?? 'text/html; charset=utf-8'),
  }
  if (r.location) responseHeaders.Location = v.str(r.location)
  const form = (q: Record<string, string[]> = {}) =>
    v.dict(Object.fromEntries(Object.entries(q).map(([k, vs]) => [k, v.list(...vs.map(v.str))])))
  return b.add(-1, {
    kind: 'request',
    method: r.method ?? 'GET',
    path: r.path ?? '/books/',
    headers: v.dict(headers),
    body: v.str(r.body ?? ''),
    queryParams: form(r.query),
    postData: form(r.post),
    frameId: 'frm_REQUEST',
    response: {
      status: r.status ?? 200,
      headers: v.dict(responseHeaders),
      content: v.str(r.content ?? ''),
      urlPattern: v.dict({view_qualname: v.str('library.views.books'), url_name: v.str('books')}),
    },
  })
}

function generate(
  b: TraceBuilder,
  target = 0,
  schema: ProjectSchema = librarySchema(),
  style: 'django' | 'pytest' = 'django',
): Extract<TestGenResult, {ok: true}> {
  const {model, details} = b.build()
  const result = generateTest({model, details, target, schema, style, projectPath: '/p'})
  if (!result.ok) throw new Error(result.reason)
  return result
}

describe('generateTest: arrange', () => {
  it('splits select_related rows per table, keeps primary keys, orders by foreign keys, drops noise', () => {
    const b = new TraceBuilder()
    const r = request(b, {content: '<h1>Dune</h1><p>Frank Herbert</p>'})
    b.sql(
      r,
      `SELECT ${BOOK_COLS}, ${AUTHOR_COLS} FROM "library_book" INNER JOIN "library_author" ON ("library_book"."author_id" = "library_author"."id") WHERE "library_book"."id" = %s`,
      [v.int(7)],
      v.rows([...book(7, 'Dune', 3, 9.5), v.int(3), v.str('Frank Herbert'), v.none]),
    )
    const t = generate(b)
    expect(t.code).toContain('author_3 = Author.objects.create(id=3, name="Frank Herbert")')
    // in_stock=1 is the default True, born=None is nullable: both dropped; 9.5 → Decimal("9.50").
    expect(t.code).toMatch(
      /book_7 = Book\.objects\.create\(\s+id=7,\s+title="Dune",\s+isbn="isbn-7",\s+author=author_3,\s+price=Decimal\("9\.50"\),\s+tags=\["sf"\],\s+\)/,
    )
    expect(t.code.indexOf('author_3 =')).toBeLessThan(t.code.indexOf('book_7 ='))
    expect(t.code).toContain('self.assertContains(response, "Dune")')
    expect(t.code).toContain('self.assertContains(response, "Frank Herbert")')
    expect(t.report.arranged.map(a => a.variable)).toEqual(['author_3', 'book_7'])
  })

  it('infers rows a foreign key points at, with placeholders for required columns', () => {
    const b = new TraceBuilder()
    const r = request(b)
    b.sql(
      r,
      `SELECT "library_member"."id", "library_member"."number" FROM "library_member" WHERE "library_member"."number" = %s`,
      [v.int(5)],
      v.rows([v.str('0f8fad5bd9cb469fa16570867728950e'), v.int(5)]),
    )
    b.sql(r, `SELECT ${BOOK_COLS} FROM "library_book"`, [], v.rows(book(1, 'Emma', 9, 12)))
    const t = generate(b)
    expect(t.code).toContain('member = Member.objects.create(')
    expect(t.code).toContain('id=UUID("0f8fad5b-d9cb-469f-a165-70867728950e")')
    expect(t.code).toContain('joined=date(2026, 1, 2)')
    expect(t.code).toContain('author_9 = Author.objects.create(id=9)')
    const member = t.report.arranged.find(a => a.table === 'library_member')!
    expect(member.placeholders).toEqual(['joined'])
    expect(t.report.arranged.find(a => a.variable === 'author_9')!.source).toMatch(
      /^inferred: library_book.author_id = 9/,
    )
    expect(t.code).toContain('Placeholder values')
  })

  it('arranges nothing from COUNT, and nothing the target wrote before selecting it', () => {
    const b = new TraceBuilder()
    const r = request(b, {method: 'POST', status: 302, location: '/books/'})
    b.sql(r, 'SELECT COUNT(*) AS "__count" FROM "library_book"', [], v.tuple(v.int(12)))
    b.sql(
      r,
      'INSERT INTO "library_author" ("name", "born") VALUES (%s, %s)',
      [v.str('Le Guin'), v.none],
      v.list(v.tuple(v.int(40))),
    )
    b.sql(
      r,
      `SELECT ${AUTHOR_COLS} FROM "library_author" WHERE "library_author"."id" = %s`,
      [v.int(40)],
      v.rows([v.int(40), v.str('Le Guin'), v.none]),
    )
    const t = generate(b)
    expect(t.report.arranged).toEqual([])
    expect(t.code).toContain('new_author = Author.objects.get()')
    expect(t.code).toContain('self.assertEqual(new_author.name, "Le Guin")')
    expect(t.report.skipped.some(s => s.reason.includes('COUNT/EXISTS'))).toBe(true)
  })

  it('says that rows selected without their primary key (values()) are not arranged', () => {
    const b = new TraceBuilder()
    const r = request(b)
    b.sql(r, 'SELECT "library_book"."title" FROM "library_book"', [], v.rows([v.str('Dune')]))
    const t = generate(b)
    expect(t.report.arranged).toEqual([])
    expect(t.report.skipped).toContainEqual({
      what: 'rows of library_book (node 1)',
      reason:
        'selected without their primary key (values()/only()): they cannot be arranged row by row',
    })
  })

  it('infers a row from an EXISTS on its primary key', () => {
    const b = new TraceBuilder()
    const r = request(b)
    b.sql(
      r,
      'SELECT (1) AS "a" FROM "library_author" WHERE "library_author"."id" = %s LIMIT 1',
      [v.int(4)],
      v.tuple(v.int(1)),
    )
    b.sql(
      r,
      'SELECT (1) AS "a" FROM "library_author" WHERE "library_author"."id" = %s LIMIT 1',
      [v.int(5)],
      v.none,
    )
    const t = generate(b)
    expect(t.report.arranged.map(a => [a.variable, a.source])).toEqual([['author_4', 'EXISTS #1']])
  })

  it('reads chunked fetches back from the page: <select> options of a foreign key', () => {
    const b = new TraceBuilder()
    const html =
      '<form><select name="author" id="id_author"><option value="">---------</option><option value="2">Ted &amp; Co</option><option value="5" selected>Ada</option></select></form>'
    const r = request(b, {content: html})
    b.sql(
      r,
      `SELECT ${AUTHOR_COLS} FROM "library_author"`,
      [],
      v.repr('<generator object cursor_iter at 0x7f3daab03c40>'),
    )
    const t = generate(b)
    expect(t.code).toContain('author_2 = Author.objects.create(id=2, name="Ted & Co")')
    expect(t.code).toContain('author_5 = Author.objects.create(id=5, name="Ada")')
    expect(t.code).toContain('self.assertContains(response, "Ted &amp; Co")')
    expect(t.report.arranged[0]!.source).toBe(
      'inferred from the response\'s <select name="author">',
    )
  })

  it("reads chunked fetches back from a JSON response: objects with the model's fields", () => {
    const b = new TraceBuilder()
    const content =
      '{"books": [{"id": 4, "title": "Dune", "price": "9.50", "author_id": 2}], "count": 1}'
    const r = request(b, {contentType: 'application/json', content})
    b.sql(
      r,
      `SELECT ${BOOK_COLS} FROM "library_book"`,
      [],
      v.repr('<generator object cursor_iter at 0x7f>'),
    )
    const t = generate(b)
    expect(t.code).toMatch(
      /book_4 = Book\.objects\.create\(\s+id=4, title="Dune", isbn="isbn 4", author=author_2, price=Decimal\("9\.50"\)\s+\)/,
    )
    expect(t.code).toContain('author_2 = Author.objects.create(id=2)')
    expect(t.report.arranged.find(a => a.variable === 'book_4')?.placeholders).toEqual(['isbn'])
  })

  it('keeps an auto_now_add value the target orders by, with an update after the create', () => {
    const b = new TraceBuilder()
    const r = request(b)
    b.sql(
      r,
      'SELECT "library_review"."id", "library_review"."book_id", "library_review"."rating", "library_review"."text", "library_review"."created_at" FROM "library_review" ORDER BY "library_review"."created_at" DESC',
      [],
      v.rows([v.int(1), v.int(2), v.int(5), v.str(''), v.dt('2026-01-02T03:00:00.5')]),
    )
    const t = generate(b)
    expect(t.code).toContain('review_1 = Review.objects.create(id=1, book=book_2, rating=5)')
    expect(t.code).toContain('Review.objects.filter(pk=review_1.pk).update(')
    expect(t.code).toContain(
      'created_at=datetime(2026, 1, 2, 3, 0, 0, 500000, tzinfo=timezone.utc)',
    )
  })

  it('looks an unresolved table up by db_table at run time, and says so', () => {
    const b = new TraceBuilder()
    const r = request(b)
    b.sql(
      r,
      'SELECT "shelf_thing"."id", "shelf_thing"."label" FROM "shelf_thing"',
      [],
      v.rows([v.int(1), v.str('x')]),
    )
    const t = generate(b, 0, emptySchema)
    expect(t.code).toContain('ShelfThing = model_for_table("shelf_thing")')
    expect(t.code).toContain('def model_for_table(db_table):')
    expect(t.code).toContain('shelf_thing_1 = ShelfThing.objects.create(id=1, label="x")')
    expect(t.report.unresolvedTables).toEqual(['shelf_thing'])
  })
})

describe('generateTest: act and assert', () => {
  it('replays a JSON body with custom headers, logs the session user in, relaxes new ids', () => {
    const b = new TraceBuilder()
    const r = request(b, {
      method: 'POST',
      status: 201,
      contentType: 'application/json',
      content: '{"id": 41, "created": "2026-01-02T03:04:05.100Z", "ok": true}',
      headers: {
        'Content-Type': 'application/json',
        'X-Api-Key': 'k1',
        Host: 'x',
        'Accept-Encoding': 'gzip',
        Cookie: 'sessionid=s; csrftoken=c; theme=dark',
      },
      body: '{"title": "Dune", "price": 9.5}',
    })
    b.sql(
      r,
      'SELECT "django_session"."session_key", "django_session"."session_data" FROM "django_session" WHERE "django_session"."session_key" = %s',
      [v.str('s')],
      v.rows([v.str('s'), v.str('data')]),
    )
    b.sql(
      r,
      'SELECT "auth_user"."id", "auth_user"."password", "auth_user"."last_login", "auth_user"."username" FROM "auth_user" WHERE "auth_user"."id" = %s',
      [v.int(8)],
      v.rows([v.int(8), v.str('hash'), v.none, v.str('ada')]),
    )
    b.sql(
      r,
      'INSERT INTO "library_book" ("title", "isbn", "author_id", "price", "tags", "in_stock") VALUES (%s, %s, %s, %s, %s, %s) RETURNING "library_book"."id"',
      [v.str('Dune'), v.str('i'), v.int(3), v.str('9.50'), v.str('[]'), v.bool(true)],
      v.list(v.tuple(v.int(41))),
    )
    const t = generate(b)
    expect(t.code).toContain('user_8 = User.objects.create(id=8, password="hash", username="ada")')
    expect(t.code).toContain('self.client.force_login(user_8)')
    expect(t.code).toContain('self.client.cookies["theme"] = "dark"')
    expect(t.code).not.toContain('session_data')
    expect(t.code).toMatch(
      /self\.client\.post\(\s+"\/books\/",\s+\{"title": "Dune", "price": 9\.5\},\s+content_type="application\/json",\s+HTTP_X_API_KEY="k1",\s+\)/,
    )
    expect(t.code).toMatch(
      /response\.json\(\),\s+\{"id": new_book\.pk, "created": mock\.ANY, "ok": True\}/,
    )
    expect(t.code).toContain('author_3 = Author.objects.create(id=3)')
    expect(t.code).toContain('self.assertEqual(new_book.author_id, author_3.pk)')
    expect(t.code).toContain('self.assertEqual(new_book.tags, [])')
  })

  it('resets id sequences when the target inserts into a table the test arranged', () => {
    const b = new TraceBuilder()
    const r = request(b, {method: 'POST', status: 201})
    b.sql(
      r,
      `SELECT ${AUTHOR_COLS} FROM "library_author" WHERE "library_author"."id" = %s`,
      [v.int(3)],
      v.rows([v.int(3), v.str('Ada'), v.none]),
    )
    b.sql(
      r,
      'INSERT INTO "library_author" ("name", "born") VALUES (%s, %s) RETURNING "library_author"."id"',
      [v.str('Bo'), v.none],
      v.list(v.tuple(v.int(4))),
    )
    const t = generate(b)
    expect(t.code).toContain('def reset_sequences(*models):')
    expect(t.code).toContain('from django.core.management.color import no_style')
    expect(t.code).toMatch(
      /author_3 = Author\.objects\.create\(id=3, name="Ada"\)\n\s+reset_sequences\(Author\)/,
    )
    expect(t.code).toContain('new_author = Author.objects.exclude(pk__in=[author_3.pk]).get()')
  })

  it('merges insert-then-update into one final state, and asserts deletes', () => {
    const b = new TraceBuilder()
    const r = request(b, {method: 'POST', status: 302, location: '/books/41/'})
    b.sql(
      r,
      `SELECT ${AUTHOR_COLS} FROM "library_author" WHERE "library_author"."id" = %s`,
      [v.int(2)],
      v.rows([v.int(2), v.str('Ada'), v.none]),
    )
    b.sql(
      r,
      'INSERT INTO "library_book" ("title", "isbn", "author_id", "price", "tags", "in_stock") VALUES (%s, %s, %s, %s, %s, %s)',
      [v.str('Draft'), v.str('i'), v.int(2), v.str('1.00'), v.str('[]'), v.bool(true)],
      v.list(v.tuple(v.int(41))),
    )
    b.sql(
      r,
      'UPDATE "library_book" SET "title" = %s, "price" = "library_book"."price" + %s WHERE "library_book"."id" = %s',
      [v.str('Final'), v.int(1), v.int(41)],
      v.int(1),
    )
    b.sql(
      r,
      'DELETE FROM "library_author" WHERE "library_author"."id" IN (%s)',
      [v.int(2)],
      v.int(1),
    )
    const t = generate(b)
    expect(t.code).toMatch(
      /self\.assertRedirects\(\s+response, f"\/books\/\{new_book\.pk\}\/", fetch_redirect_response=False\s+\)/,
    )
    expect(t.code).toContain('self.assertEqual(new_book.title, "Final")')
    expect(t.code).not.toContain('new_book.price')
    expect(t.code).toContain('self.assertFalse(Author.objects.filter(pk=2).exists())')
    expect(
      t.report.skipped.some(s => s.what === 'library_book.price' && /F\(\)/.test(s.reason)),
    ).toBe(true)
  })

  it('asserts a 4xx wrote nothing, and a 500 raises the recorded exception', () => {
    const b = new TraceBuilder()
    request(b, {status: 404, content: 'nope', contentType: 'text/plain'})
    const notFound = generate(b)
    expect(notFound.code).toContain('self.assertEqual(response.content.decode(), "nope")')
    expect(notFound.code).toContain('self.assertEqual(Author.objects.count(), 0)')
    expect(notFound.code).toContain('self.assertEqual(Review.objects.count(), 0)')

    const c = new TraceBuilder()
    const r = request(c, {status: 500})
    c.add(r, {
      kind: 'exception',
      summary: ['Traceback…', 'library.errors.OutOfStock: book 7 at 0x7f12 is gone\n'],
      traceback: [],
      frames: [],
    })
    const failing = generate(c)
    expect(failing.code).toContain('from library.errors import OutOfStock')
    expect(failing.code).toContain('with self.assertRaisesMessage(OutOfStock, "book 7"):')
    expect(failing.code).toContain('def test_get_books_raises_out_of_stock(self):')
  })

  it('mocks requests at the adapter with the recorded answer and asserts the call', () => {
    const b = new TraceBuilder()
    const r = request(b, {contentType: 'application/json', content: '{"rate": 1.5}'})
    b.add(r, {
      kind: 'outbound',
      library: 'requests',
      method: 'GET',
      url: 'https://fx.test/rate?c=EUR',
      headers: v.dict({}),
      response: {
        status: 200,
        headers: v.dict({'Content-Type': v.str('application/json'), Date: v.str('x')}),
        body: v.str('{"rate": 1.5}'),
      },
    })
    const t = generate(b)
    expect(t.code).toContain('def fake_requests_send(http):')
    expect(t.code).toMatch(
      /mock\.patch\.object\(\s+requests\.adapters\.HTTPAdapter, "send", fake_requests_send\(recorded_http\)\s+\)/,
    )
    expect(t.code).toContain('{"Content-Type": "application/json"}')
    expect(t.code).not.toContain('"Date"')
    expect(t.code).toContain('recorded_http.calls, [("GET", "https://fx.test/rate?c=EUR")]')
    expect(t.report.mocks).toEqual([
      {library: 'requests', method: 'GET', url: 'https://fx.test/rate?c=EUR', status: 200},
    ])
  })

  it('writes pytest + pytest-django on request', () => {
    const b = new TraceBuilder()
    const r = request(b, {query: {page: ['2'], tag: ['a', 'b']}, content: '<p>Dune</p>'})
    b.sql(
      r,
      `SELECT ${AUTHOR_COLS} FROM "library_author"`,
      [],
      v.rows([v.int(1), v.str('Dune'), v.none]),
    )
    const t = generate(b, 0, librarySchema(), 'pytest')
    expect(t.code).toContain('import pytest')
    expect(t.code).toContain('from pytest_django.asserts import assertContains')
    expect(t.code).toContain('pytestmark = pytest.mark.django_db')
    expect(t.code).toContain('def test_get_books_returns_200(client):')
    expect(t.code).toContain('response = client.get("/books/", {"page": "2", "tag": ["a", "b"]})')
    expect(t.code).toContain('assert response.status_code == 200')
    expect(t.code).not.toContain('class ')
  })
})

describe('generateTest: one frame', () => {
  const frame = (
    b: TraceBuilder,
    parent: number,
    qualname: string,
    args: PyValue,
    extra: object = {},
  ): number =>
    b.add(parent, {
      kind: 'frame',
      qualname,
      coName: qualname.split('.').pop()!,
      file: 'library/services.py',
      line: 3,
      args,
      frameId: 'frm_F',
      ...extra,
    })

  it('calls the function with rebuilt arguments and asserts its return value', () => {
    const b = new TraceBuilder()
    const f = frame(
      b,
      -1,
      'library.services.discount',
      v.dict({
        book: v.repr('<Book: Book object (7)>'),
        rate: {t: 'decimal', v: '0.10'},
        tags: v.list(v.str('a')),
      }),
      {returnValue: {t: 'decimal', v: '8.55'}},
    )
    b.sql(
      f,
      `SELECT ${BOOK_COLS} FROM "library_book" WHERE "library_book"."id" = %s`,
      [v.int(7)],
      v.rows(book(7, 'Dune', 3, 9.5)),
    )
    const t = generate(b)
    expect(t.code).toContain('from library.services import discount')
    expect(t.code).toContain('result = discount(book=book_7, rate=Decimal("0.10"), tags=["a"])')
    expect(t.code).toContain('self.assertEqual(result, Decimal("8.55"))')
    expect(t.code).toContain('class DiscountTests(TestCase):')
  })

  it('asserts the exception a frame raised on the way to a 500', () => {
    const b = new TraceBuilder()
    frame(b, -1, 'library.services.check', v.dict({n: v.int(0)}), {
      exceptionMessage: 'ValueError: n must be positive',
    })
    const t = generate(b)
    expect(t.code).toContain('with self.assertRaisesMessage(ValueError, "n must be positive"):')
    expect(t.code).toContain('check(n=0)')
  })

  it('names the arguments it cannot rebuild instead of faking them', () => {
    const b = new TraceBuilder()
    frame(
      b,
      -1,
      'library.services.notify',
      v.dict({client: v.repr('<smtplib.SMTP object at 0x7f1>'), n: v.int(1)}),
    )
    const {model, details} = b.build()
    const result = generateTest({model, details, target: 0, schema: librarySchema()})
    expect(result).toEqual({
      ok: false,
      reason:
        'arguments that cannot be rebuilt from the trace: client = <smtplib.SMTP object at 0x7f1>',
    })
  })

  it('refuses library code and nested functions', () => {
    const b = new TraceBuilder()
    b.add(-1, {
      kind: 'frame',
      qualname: 'library.views.index.<locals>.<listcomp>',
      coName: '<listcomp>',
      file: 'library/views.py',
      args: v.dict({}),
    })
    const {model, details} = b.build()
    const result = generateTest({model, details, target: 0, schema: librarySchema()})
    expect(result.ok ? '' : result.reason).toMatch(/nested function/)
  })
})
