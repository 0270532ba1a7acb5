import {describe, expect, it} from 'vitest'
import {buildFakeModel} from '../../testing/fake-model'
import {flameMove, flamePlace, isFlameTree, placeText} from './flame-navigation'

// request(0) > [view(1) > [q1(2), q2(3), helper(4) > [q3(5)]], page(6)]; second root log(7).
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

describe('flameMove', () => {
  it('goes to the parent, the first child and the siblings, or nowhere', () => {
    expect(flameMove(model, 3, 'parent')).toBe(1)
    expect(flameMove(model, 0, 'parent')).toBe(-1)
    expect(flameMove(model, 1, 'child')).toBe(2)
    expect(flameMove(model, 2, 'child')).toBe(-1)
    expect(flameMove(model, 2, 'next')).toBe(3)
    expect(flameMove(model, 3, 'next')).toBe(4)
    expect(flameMove(model, 4, 'next')).toBe(-1)
    expect(flameMove(model, 4, 'previous')).toBe(3)
    expect(flameMove(model, 2, 'previous')).toBe(-1)
    expect(flameMove(model, 1, 'next')).toBe(6)
    expect(flameMove(model, 6, 'previous')).toBe(1)
  })

  it('moves between roots, and starts at the first root with nothing selected', () => {
    expect(flameMove(model, 0, 'next')).toBe(7)
    expect(flameMove(model, 7, 'previous')).toBe(0)
    expect(flameMove(model, -1, 'child')).toBe(0)
    expect(flameMove(model, 5, 'first')).toBe(0)
  })
})

describe('flamePlace', () => {
  it('says the level, the place among siblings and the calls inside', () => {
    expect(flamePlace(model, 3)).toEqual({level: 3, position: 2, siblings: 3, children: 0})
    expect(flamePlace(model, 1)).toEqual({level: 2, position: 1, siblings: 2, children: 3})
    expect(flamePlace(model, 7)).toEqual({level: 1, position: 2, siblings: 2, children: 0})
    expect(placeText(flamePlace(model, 4))).toBe('level 3, 3 of 3, 1 call inside')
    expect(isFlameTree(model)).toBe(true)
  })
})
