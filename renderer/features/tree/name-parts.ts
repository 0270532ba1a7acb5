/**
 * Split a frame's qualified name into its module prefix and the part a reader looks for.
 *
 * "django.http.request.HttpRequest.get_host" in ".../django/http/request.py" gives
 * ["django.http.request.", "HttpRequest.get_host"]: the prefix is the longest run of leading
 * name segments that ends the file's path (the module). Without a file match, a trailing
 * "Class.method" or the last segment is kept.
 */
export function splitQualname(
  name: string,
  file: string | undefined,
): [prefix: string, main: string] {
  const segments = name.split('.')
  if (segments.length < 2) return ['', name]
  let k = 0
  if (file !== undefined) {
    const path = file.replace(/\.py[cw]?$/, '').split(/[\\/]/)
    if (path[path.length - 1] === '__init__') path.pop()
    for (let n = Math.min(path.length, segments.length - 1); n > 0; n--) {
      const tail = path.slice(path.length - n)
      if (tail.every((p, j) => p === segments[j])) {
        k = n
        break
      }
    }
  }
  if (k === 0) {
    const beforeLast = segments[segments.length - 2]!
    k = segments.length - (/^[A-Z]/.test(beforeLast) ? 2 : 1)
  }
  return [segments.slice(0, k).join('.') + '.', segments.slice(k).join('.')]
}
