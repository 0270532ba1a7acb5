import {describe, expect, it} from 'vitest'
import {MapRecordTable} from '../decode/map-table'
import {PyCollection, PyFloat, PyRepr} from '../decode/py-objects'
import {argsPreviewOf, callPreview, previewChars, previewOf} from './value-preview'

const record = (fields: Record<string, unknown>) =>
  new Map<unknown, unknown>(Object.entries(fields))

describe('value previews', () => {
  it('print values as Python does, within the preview length', () => {
    expect(previewOf(null)).toBe('None')
    expect(previewOf(new PyFloat(5))).toBe('5.0')
    expect(previewOf(new PyRepr('<Book: Book object (1)>'))).toBe('<Book: Book object (1)>')
    expect(previewOf(new PyCollection('tuple', [1]))).toBe('(1,)')
    const huge = previewOf('x'.repeat(1_000_000))
    expect(huge.length).toBeLessThanOrEqual(previewChars)
    expect(huge.endsWith('…')).toBe(true)
    const wide = previewOf(Array.from({length: 10_000}, (_, i) => i))
    expect(wide.length).toBeLessThanOrEqual(previewChars)
  })

  it('print arguments as a call reads, within the preview length', () => {
    const locals = new Map<unknown, unknown>([
      ['self', new PyRepr('<Cart object at 0x7f>')],
      ['item_id', 3],
    ])
    expect(argsPreviewOf(locals)).toBe('self=<Cart object at 0x7f>, item_id=3')
    const many = new Map<unknown, unknown>(Array.from({length: 500}, (_, i) => [`a${i}`, i]))
    const text = argsPreviewOf(many)
    expect(text.length).toBeLessThanOrEqual(previewChars)
    expect(text.startsWith('a0=0, a1=1, ')).toBe(true)
  })

  it('take a call’s arguments, and its return value or what it raised', () => {
    const records = new MapRecordTable([
      record({event: 'call', locals: {x: 1}}),
      record({event: 'return', arg: 'done', locals: {x: 1}}),
      record({event: 'call', locals: {}}),
      record({event: 'unwind', exception: new PyRepr("KeyError('k')")}),
      record({event: 'call', locals: {}}),
      record({event: 'return', arg: null}),
    ])
    expect(callPreview(records, 0, 1, undefined)).toEqual({args: 'x=1', returnValue: "'done'"})
    expect(callPreview(records, 2, 3, undefined)).toEqual({args: '', exception: "KeyError('k')"})
    // On a request's exception path Kolo records a plain return of None: the message tells.
    expect(callPreview(records, 4, 5, 'ValueError: bad\n')).toEqual({
      args: '',
      exception: 'ValueError: bad',
    })
    expect(callPreview(records, 4, 5, undefined)).toEqual({args: '', returnValue: 'None'})
    expect(callPreview(records, 4, -1, undefined)).toEqual({args: ''})
  })
})
