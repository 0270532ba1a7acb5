import {describe, expect, it} from 'vitest'
import {buildFakeModel} from '../testing/fake-model'
import {evictModel, getModel, modelKey, putModel} from './model-cache'

describe('model cache', () => {
  it('keeps one model per project and trace, and keys views per model object', () => {
    evictModel()
    const one = buildFakeModel('t', [{name: 'one'}])
    const two = buildFakeModel('t', [{name: 'two'}])
    putModel('p1', one)
    putModel('p2', two)
    expect(getModel('p1', 't')).toBe(one)
    expect(getModel('p2', 't')).toBe(two)
    expect(modelKey(one)).toBe(modelKey(one))
    expect(modelKey(one)).not.toBe(modelKey(two))
    evictModel('p1', 't')
    expect(getModel('p1', 't')).toBeUndefined()
    expect(getModel('p2', 't')).toBe(two)
  })
})
