// @vitest-environment jsdom
import {cleanup, fireEvent, render, screen} from '@testing-library/react'
import {afterEach, describe, expect, it} from 'vitest'
import {py} from '../../shared/values/py-value'
import type {PyValue} from '../../shared/values/py-value'
import {ValueTree} from './value-tree'

afterEach(cleanup)

const text = (v: PyValue, openDepth = 0): string => {
  const {container} = render(<ValueTree value={v} openDepth={openDepth} />)
  const out = container.textContent ?? ''
  cleanup()
  return out
}

describe('ValueTree', () => {
  it('renders scalars the way Python prints them', () => {
    expect(text(py.str('hi'))).toBe("'hi'")
    expect(text(py.str("it's"))).toBe(`"it's"`)
    expect(text(py.repr('<Book: Dune>'))).toBe('<Book: Dune>')
    expect(text(py.none)).toBe('None')
    expect(text(py.bool(false))).toBe('False')
    expect(text(py.int('123456789012345678901234567890'))).toBe('123456789012345678901234567890')
    expect(text(py.float(2))).toBe('2.0')
    expect(text({t: 'decimal', v: '12.50'})).toBe("Decimal('12.50')")
    expect(text({t: 'datetime', v: '2024-01-01T10:00:00'})).toBe('datetime(2024-01-01T10:00:00)')
    expect(text({t: 'bytes', hex: '68690a', length: 3})).toBe("b'hi\\n'")
  })

  it('keeps a tuple a tuple and a set a set in the collapsed preview', () => {
    expect(text(py.tuple([py.int(1)]))).toContain('(1,)')
    expect(text(py.tuple([py.int(1)]))).toContain('tuple')
    expect(text(py.list([py.int(1), py.int(2)]))).toContain('[1, 2]')
    expect(text({t: 'set', items: [py.int(1)]})).toContain('{1}')
    expect(text({t: 'set', items: []})).toContain('set()')
  })

  it('shows dict keys of any type, quoted strs and bare reprs', () => {
    const v = py.dict([
      [py.str('a'), py.int(1)],
      [py.int(2), py.none],
      [py.tuple([py.int(1), py.int(2)]), py.repr('<X>')],
    ])
    const {container} = render(<ValueTree value={v} openDepth={1} />)
    const labels = [...container.querySelectorAll('.vt-label')].map(e => e.textContent)
    expect(labels).toEqual(["'a'", '2', '(1, 2)'])
    expect(container.textContent).toContain('<X>')
  })

  it('shows a frame’s locals as bare variable names', () => {
    const v = py.dict([[py.str('request'), py.repr('<WSGIRequest>')]])
    const {container} = render(<ValueTree value={v} asVariables />)
    expect(container.querySelector('.vt-label')?.textContent).toBe('request')
    expect(container.textContent).toContain('<WSGIRequest>')
  })

  it('expands and collapses containers on click', () => {
    const v = py.list([py.list([py.str('deep')])])
    const {container} = render(<ValueTree value={v} openDepth={1} />)
    const deep = () => container.querySelector('.vt-str')?.textContent
    expect(deep()).toBeUndefined()
    expect(container.querySelector('.vt-preview')?.textContent).toBe("['deep']")
    const inner = container.querySelectorAll('.vt-line')[1]!
    fireEvent.click(inner)
    expect(deep()).toBe("'deep'")
    fireEvent.click(inner)
    expect(deep()).toBeUndefined()
  })

  it('folds long strings behind "show more"', () => {
    const {container} = render(<ValueTree value={py.str('x'.repeat(1000))} />)
    expect(container.textContent.length).toBeLessThan(400)
    fireEvent.click(screen.getByText(/show more/))
    expect(container.textContent).toContain('x'.repeat(1000))
  })

  it('pages big containers and says what was cut', () => {
    const items = Array.from({length: 150}, (_, i) => py.int(i))
    const {container} = render(<ValueTree value={{t: 'list', items, cut: 50}} openDepth={1} />)
    expect(container.querySelectorAll('.vt-node .vt-node').length).toBe(100)
    expect(container.textContent).toContain('50 more not recorded')
    fireEvent.click(screen.getByText(/show 50 more/))
    expect(container.querySelectorAll('.vt-node .vt-node').length).toBe(150)
  })
})
