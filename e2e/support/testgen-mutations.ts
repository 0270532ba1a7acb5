/** A change to the bookshelf app's code that breaks one behaviour, and the tests that cover it. */
export interface Mutation {
  name: string
  file: string
  from: string
  to: string
  /** The generated tests (by subject: "GET / 200", a function's qualname) that must fail. */
  breaks(c: {subject: string}): boolean
}

const subject =
  (...patterns: RegExp[]) =>
  (c: {subject: string}): boolean =>
    patterns.some(p => p.test(c.subject))

/**
 * Mutations of the fixture apps (bookshelf, bookshelf-forms). They are the suite's knowledge of
 * the fixtures, not the generator's: the generator never sees them.
 */
export const mutations: Mutation[] = [
  {
    name: 'the book list shows no authors',
    file: 'shelf/views.py',
    from: '"author": book.author.name',
    to: '"author": "?"',
    breaks: subject(/^GET \/ 200$/),
  },
  {
    name: 'the book page drops its reviews',
    file: 'shelf/views.py',
    from: 'reviews = list(book.reviews.order_by("-created_at"))',
    to: 'reviews = list(book.reviews.none())',
    breaks: subject(/^GET \/books\/1\/ 200$/),
  },
  {
    name: 'a missing book answers 410 instead of 404',
    file: 'shelf/views.py',
    from: 'def book_detail(request, book_id):\n',
    to:
      'def book_detail(request, book_id):\n' +
      '    if not Book.objects.filter(id=book_id).exists():\n' +
      '        from django.http import HttpResponseGone\n\n' +
      '        return HttpResponseGone()\n',
    breaks: subject(/^GET \/books\/99\/ 404$/),
  },
  {
    name: 'a review is not saved',
    file: 'shelf/views.py',
    from: 'Review.objects.create(book=book, rating=rating, text=request.POST.get("text", ""))',
    to: 'Review(book=book, rating=rating, text=request.POST.get("text", ""))',
    breaks: subject(/^POST \/books\/1\/reviews\/ 302$/, /^shelf\.views\.add_review$/),
  },
  {
    name: 'a bad rating answers 422 instead of 400',
    file: 'shelf/views.py',
    from: 'HttpResponseBadRequest("rating must be a number")',
    to: 'HttpResponseBadRequest("rating must be a number", status=422)',
    breaks: subject(/^POST \/books\/2\/reviews\/ 400$/),
  },
  {
    name: 'the API pages from the wrong offset',
    file: 'shelf/views.py',
    from: '[(page - 1) * size : page * size]',
    to: '[page * size : (page + 1) * size]',
    breaks: subject(/^GET \/api\/books\/ 200$/),
  },
  {
    name: 'the ISBN service returns other data',
    file: 'shelf/services.py',
    from: 'return json.loads(response.read())',
    to: 'return {**json.loads(response.read()), "title": "Other"}',
    breaks: subject(/^POST \/import\/ 200$/, /^shelf\.services\.(import_book|fetch_isbn)$/),
  },
  {
    name: 'a failed ISBN lookup is answered 502 instead of raising',
    file: 'shelf/views.py',
    from: '    book = import_book(request.POST["isbn"])\n',
    to:
      '    try:\n' +
      '        book = import_book(request.POST["isbn"])\n' +
      '    except Exception:\n' +
      '        return JsonResponse({"error": "lookup failed"}, status=502)\n',
    breaks: subject(/^POST \/import\/ 500$/),
  },
  {
    name: 'the stats filter changed',
    file: 'shelf/views.py',
    from: 'books = Book.objects.all()',
    to: 'books = Book.objects.filter(price__gt=11)',
    breaks: subject(/^GET \/stats\/ 200$/),
  },
  {
    name: 'the median is off by one',
    file: 'shelf/services.py',
    from: '"median": prices[middle]',
    to: '"median": prices[middle - 1]',
    breaks: subject(/^shelf\.services\.price_stats$/, /^shelf\.views\.stats$/),
  },
  {
    name: 'an empty shelf raises another message',
    file: 'shelf/services.py',
    from: 'raise ValueError("no books to summarise")',
    to: 'raise ValueError("nothing to summarise")',
    breaks: subject(/^GET \/stats\/ 500$/, /^shelf\.services\.price_stats raises$/),
  },
  {
    name: 'the average rating is computed wrongly',
    file: 'shelf/models.py',
    from: 'return round(sum(ratings) / len(ratings), 2) if ratings else None',
    to: 'return round(sum(ratings) / len(ratings) + 0.25, 2) if ratings else 0',
    breaks: subject(/^shelf\.models\.Book\.average_rating$/),
  },
  {
    name: 'the book form loses its author field',
    file: 'shelf/book_form_views.py',
    from: 'fields = ["title", "isbn", "author", "price", "tags"]',
    to: 'fields = ["title", "isbn", "price", "tags"]',
    breaks: subject(/^GET \/books\/new\/ 200$/),
  },
  {
    name: 'a saved book redirects to the list',
    file: 'shelf/book_form_views.py',
    from: 'return redirect("book_detail", book_id=book.id)',
    to: 'return redirect("book_list")',
    breaks: subject(/^POST \/books\/new\/ 302$/),
  },
  {
    name: 'an invalid book form answers 200',
    file: 'shelf/book_form_views.py',
    from: 'status=400 if form.errors else 200',
    to: 'status=200',
    breaks: subject(/^POST \/books\/new\/ 400$/),
  },
]
