import {describe, expect, it} from 'vitest'
import {buildFakeModel} from '../../testing/fake-model'
import {SiblingIndex} from './tree-siblings'

describe('SiblingIndex', () => {
  // request(0) > [view(1) > [sql(2), sql(3), helper(4) > [sql(5)]], template(6)]; then a 2nd root.
  const model = buildFakeModel('t', [
    {
      kind: 'request',
      name: 'GET /',
      children: [
        {
          name: 'view',
          children: [
            {kind: 'sql', name: 'q1'},
            {kind: 'sql', name: 'q2'},
            {name: 'helper', children: [{kind: 'sql', name: 'q3'}]},
          ],
        },
        {kind: 'template', name: 'page.html'},
      ],
    },
    {kind: 'log', name: 'after'},
  ])

  it('gives each node its place among its siblings and their number', () => {
    const s = new SiblingIndex(model)
    expect([0, 7].map(i => [s.position(i), s.size(i)])).toEqual([
      [1, 2],
      [2, 2],
    ])
    expect([2, 3, 4].map(i => [s.position(i), s.size(i)])).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ])
    expect([s.position(5), s.size(5)]).toEqual([1, 1])
    expect([s.position(6), s.size(6)]).toEqual([2, 2])
  })

  it('counts only the siblings a filter keeps', () => {
    const keep = Uint8Array.from([1, 1, 0, 1, 1, 1, 0, 0])
    const s = new SiblingIndex(model, keep)
    expect([s.position(3), s.size(3)]).toEqual([1, 2])
    expect([s.position(4), s.size(4)]).toEqual([2, 2])
    expect([s.position(1), s.size(1)]).toEqual([1, 1])
    expect([s.position(0), s.size(0)]).toEqual([1, 1])
  })
})
