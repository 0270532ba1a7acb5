import {describe, expect, it} from 'vitest'
import {NodeFlag} from '../../../shared/model/node-kind'
import {buildFakeModel} from '../../testing/fake-model'
import {
  callChain,
  childRows,
  childrenByLine,
  effectsBelow,
  foldLibraryRuns,
  sameFunctionCalls,
} from './frame-data'
import {escapeHtml, highlightLines} from './highlight'

// POST /import/ -> import_isbn -> import_book -> (fetch_isbn -> urllib, SQL, SQL, log, SQL, log)
function importTrace() {
  const model = buildFakeModel('t', [
    {
      name: 'POST /import/',
      kind: 'request',
      children: [
        {
          name: 'shelf.views.import_isbn',
          file: 'shelf/views.py',
          line: 43,
          children: [
            {
              name: 'shelf.services.import_book',
              file: 'shelf/services.py',
              line: 19,
              children: [
                {
                  name: 'shelf.services.fetch_isbn',
                  file: 'shelf/services.py',
                  line: 13,
                  children: [{name: 'GET http://isbn/', kind: 'outbound'}],
                },
                {name: 'SELECT 1', kind: 'sql'},
                {name: 'INSERT author', kind: 'sql'},
                {name: 'created author', kind: 'log'},
              ],
            },
            {name: 'shelf.services.import_book', file: 'shelf/services.py', line: 19},
          ],
        },
      ],
    },
  ])
  // callLine: the line of the enclosing frame that issued each node.
  const callLines: [number, number][] = [
    [1, 0],
    [2, 44],
    [3, 20],
    [4, 15],
    [5, 21],
    [6, 21],
    [7, 23],
    [8, 46],
  ]
  for (const [row, line] of callLines) model.callLine[row] = line
  return model
}

describe('frame data', () => {
  const model = importTrace()
  it('builds the chain request -> view -> service with the line each called the next', () => {
    expect(callChain(model, 2)).toMatchObject([
      {nodeId: 0, isFrame: false, atLine: undefined},
      {nodeId: 1, isFrame: true, defLine: 43, atLine: 44},
      {nodeId: 2, isFrame: true, defLine: 19, atLine: 19},
    ])
  })
  it('lists children in order and groups them by the line that issued them', () => {
    expect(childRows(model, 2)).toEqual([3, 5, 6, 7])
    expect([...childrenByLine(model, 2)]).toEqual([
      [20, [3]],
      [21, [5, 6]],
      [23, [7]],
    ])
  })
  it('finds effects below a child frame', () => {
    expect(effectsBelow(model, 3, 10)).toEqual({rows: [4], total: 1})
  })
  it('finds every call of the same function', () => {
    expect(sameFunctionCalls(model, 2)).toEqual([2, 8])
    expect(sameFunctionCalls(model, 5)).toEqual([5])
  })
  it('folds runs of library frames but never the selected one', () => {
    const lib = (id: number) => ({
      nodeId: id,
      isFrame: true,
      isLibrary: true,
      fileId: 1,
      defLine: 1,
    })
    const user = (id: number) => ({...lib(id), isLibrary: false})
    const folded = foldLibraryRuns([user(0), lib(1), lib(2), lib(3), user(4), lib(5), lib(6)])
    expect(folded.map(f => ('item' in f ? f.item.nodeId : f.library.map(i => i.nodeId)))).toEqual([
      0,
      [1, 2, 3],
      4,
      5,
      6,
    ])
    expect(model.flags[0]! & NodeFlag.library).toBe(0)
  })
})

describe('highlightLines', () => {
  it('keeps one self-contained HTML string per line, even inside a multi-line string', () => {
    const lines = highlightLines('def f():\n    """doc\n    more"""\n    return 1\n', 'python')
    expect(lines).toHaveLength(4)
    for (const line of lines) {
      expect(line.match(/<span/g)?.length ?? 0).toBe(line.match(/<\/span>/g)?.length ?? 0)
    }
    expect(lines[2]).toContain('hljs-string')
  })
  it('escapes what it does not highlight', () => {
    expect(highlightLines('<script>x</script>', 'nope')).toEqual([escapeHtml('<script>x</script>')])
    expect(highlightLines('x = "<img onerror=1>"', 'python')[0]).not.toContain('<img')
  })
})
