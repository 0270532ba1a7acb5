import {describe, expect, it} from 'vitest'
import type {ExceptionFrame} from '../model/node-details'
import {fileForPath, parseTraceback, samePath} from './traceback'

// The 500 POST /import/ trace of the bookshelf fixture, shortened.
const lines = [
  'Traceback (most recent call last):\n',
  '  File "/usr/lib/python3/dist-packages/django/core/handlers/exception.py", line 47, in inner\n    response = get_response(request)\n               ^^^^^^^^^^^^^^^^^^^^^\n',
  '  File "/tmp/bs-run/shelf/views.py", line 44, in import_isbn\n    book = import_book(request.POST["isbn"])\n',
  '  File "/tmp/bs-run/shelf/services.py", line 15, in fetch_isbn\n    with urllib.request.urlopen(url) as response:\n',
  'urllib.error.HTTPError: HTTP Error 404: Not Found\n',
]
const frames: ExceptionFrame[] = [
  {path: 'shelf/views.py', line: 44, coName: 'import_isbn', nodeId: 1, fileId: 2},
  {path: 'shelf/services.py', line: 15, coName: 'fetch_isbn', nodeId: 3, fileId: 4},
]

describe('parseTraceback', () => {
  it('splits frames and text, and matches user frames by path suffix, line and name', () => {
    const entries = parseTraceback(lines, frames)
    expect(entries.map(e => e.kind)).toEqual(['text', 'frame', 'frame', 'frame', 'text'])
    expect(entries[1]).toMatchObject({line: 47, name: 'inner'})
    // Dedented as a block: the carets stay under the expression they mark.
    expect((entries[1] as {code: string}).code).toBe(
      'response = get_response(request)\n           ^^^^^^^^^^^^^^^^^^^^^',
    )
    expect(entries[1]).not.toHaveProperty('frameIndex')
    expect(entries[2]).toMatchObject({path: '/tmp/bs-run/shelf/views.py', line: 44, frameIndex: 0})
    expect(entries[3]).toMatchObject({name: 'fetch_isbn', frameIndex: 1})
    expect(entries[4]).toEqual({
      kind: 'text',
      text: 'urllib.error.HTTPError: HTTP Error 404: Not Found',
    })
  })

  it.each([
    ['/srv/app/shelf/views.py', 'shelf/views.py', true],
    ['shelf/views.py', './shelf/views.py', true],
    ['/srv/app/myshelf/views.py', 'shelf/views.py', false],
    ['C:\\app\\shelf\\views.py', 'shelf/views.py', true],
    [
      '/usr/lib/python3/dist-packages/django/core/handlers/base.py',
      '../../usr/lib/python3/dist-packages/django/core/handlers/base.py',
      true,
    ],
  ])('samePath(%s, %s) = %s', (a, b, same) => expect(samePath(a, b)).toBe(same))
})

describe('fileForPath', () => {
  const files = [
    {fileId: 3, path: 'views.py'},
    {fileId: 5, path: 'shelf/views.py'},
    {fileId: 7, path: '../../usr/lib/python3/dist-packages/django/core/handlers/base.py'},
  ]
  it('finds the longest recorded path the printed one ends with', () => {
    expect(fileForPath('/srv/app/shelf/views.py', files)).toBe(5)
    expect(fileForPath('/usr/lib/python3/dist-packages/django/core/handlers/base.py', files)).toBe(
      7,
    )
    expect(fileForPath('/usr/lib/python3.11/urllib/request.py', files)).toBeUndefined()
  })
})
