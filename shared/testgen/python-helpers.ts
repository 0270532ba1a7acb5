import type {PythonImports} from './python-imports'

/** A module-level helper a generated test may need, with the imports its text uses. */
interface Helper {
  imports: (i: PythonImports) => void
  text: string
  needs?: HelperName[]
}

/** The helpers generated tests can include. */
export type HelperName =
  | 'RecordedHTTP'
  | 'http_response'
  | 'fake_urllib_open'
  | 'fake_urllib3_urlopen'
  | 'fake_requests_send'
  | 'fake_httpx_send'
  | 'model_for_table'
  | 'reset_sequences'

const helpers: Record<HelperName, Helper> = {
  RecordedHTTP: {
    imports: () => undefined,
    text: `class RecordedHTTP:
    """Answers outbound HTTP calls with the responses the trace recorded, in order."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.calls = []

    def answer(self, method, url):
        self.calls.append((method, url))
        if not self.responses:
            raise AssertionError(f"unexpected HTTP call: {method} {url}")
        return self.responses.pop(0)`,
  },
  http_response: {
    imports: i => {
      i.module('http.client')
      i.module('io')
      i.from('http', 'HTTPStatus')
    },
    text: `def http_response(status, headers, body, method, url):
    """A real http.client.HTTPResponse read from recorded parts, as urllib returns it."""
    head = f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\\r\\n"
    head += "".join(f"{name}: {value}\\r\\n" for name, value in headers.items())
    head += f"Content-Length: {len(body)}\\r\\n\\r\\n"

    class Socket:
        def makefile(self, *args, **kwargs):
            return io.BytesIO(head.encode("latin-1") + body)

    response = http.client.HTTPResponse(Socket(), method=method, url=url)
    response.begin()
    response.url = url
    return response`,
  },
  fake_urllib_open: {
    needs: ['http_response'],
    imports: i => {
      i.module('urllib.error')
    },
    text: `def fake_urllib_open(http):
    """Replaces urllib's OpenerDirector.open (behind urlopen) with recorded answers."""

    def open(opener, request, data=None, timeout=None):
        url = request if isinstance(request, str) else request.full_url
        if isinstance(request, str):
            method = "GET" if data is None else "POST"
        else:
            method = request.get_method()
        status, headers, body = http.answer(method, url)
        response = http_response(status, headers, body, method, url)
        if status >= 400:
            raise urllib.error.HTTPError(url, status, response.reason, response.headers, response)
        return response

    return open`,
  },
  fake_urllib3_urlopen: {
    imports: i => {
      i.module('io')
      i.module('urllib3')
    },
    text: `def fake_urllib3_urlopen(http):
    """Replaces urllib3's HTTPConnectionPool.urlopen with recorded answers."""

    def urlopen(pool, method, url, *args, **kwargs):
        port = f":{pool.port}" if pool.port else ""
        full_url = url if "://" in url else f"{pool.scheme}://{pool.host}{port}{url}"
        status, headers, body = http.answer(method, full_url)
        return urllib3.HTTPResponse(
            body=io.BytesIO(body),
            headers=headers,
            status=status,
            preload_content=kwargs.get("preload_content", True),
            request_method=method,
            request_url=full_url,
        )

    return urlopen`,
  },
  fake_requests_send: {
    imports: i => {
      i.module('requests')
      i.from('http', 'HTTPStatus')
    },
    text: `def fake_requests_send(http):
    """Replaces requests' HTTPAdapter.send with recorded answers."""

    def send(adapter, request, **kwargs):
        status, headers, body = http.answer(request.method, request.url)
        response = requests.Response()
        response.status_code = status
        response.reason = HTTPStatus(status).phrase
        response.headers = requests.structures.CaseInsensitiveDict(headers)
        response._content = body
        response.encoding = requests.utils.get_encoding_from_headers(response.headers)
        response.url = request.url
        response.request = request
        return response

    return send`,
  },
  fake_httpx_send: {
    imports: i => {
      i.module('httpx')
    },
    text: `def fake_httpx_send(http):
    """Replaces httpx's HTTPTransport.handle_request with recorded answers."""

    def handle_request(transport, request):
        status, headers, body = http.answer(request.method, str(request.url))
        return httpx.Response(status, headers=headers, content=body, request=request)

    return handle_request`,
  },
  model_for_table: {
    imports: i => {
      i.from('django.apps', 'apps')
    },
    text: `def model_for_table(db_table):
    """The model class of a table the generator could not resolve from the project's source."""
    return next(m for m in apps.get_models() if m._meta.db_table == db_table)`,
  },
  reset_sequences: {
    imports: i => {
      i.from('django.core.management.color', 'no_style')
      i.from('django.db', 'connection')
    },
    text: `def reset_sequences(*models):
    """Moves id sequences past rows created with explicit ids (PostgreSQL; a no-op elsewhere)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)`,
  },
}

/** The text of the helpers (and the helpers they use), in a stable order, imports recorded. */
export function helperTexts(names: ReadonlySet<HelperName>, imports: PythonImports): string[] {
  const all = new Set<HelperName>()
  const add = (n: HelperName): void => {
    if (all.has(n)) return
    for (const dep of helpers[n].needs ?? []) add(dep)
    all.add(n)
  }
  for (const n of names) add(n)
  const order = Object.keys(helpers) as HelperName[]
  return order
    .filter(n => all.has(n))
    .map(n => {
      helpers[n].imports(imports)
      return helpers[n].text
    })
}
