/**
 * A comma only screen readers meet: it parts the pieces of a row (name, file:line, duration)
 * that the eye parts by space, so the row's accessible name reads "import_book, services.py:19,
 * 15.1 ms" rather than "import_bookservices.py:1915.1 ms".
 */
export function SpokenPause() {
  return <span className="visually-hidden">, </span>
}
