// @vitest-environment jsdom
import {cleanup, fireEvent, render, screen} from '@testing-library/react'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {rovingIndex, rovingKeyDown} from './roving-keys'

afterEach(cleanup)

describe('rovingIndex', () => {
  it('moves with the arrows (wrapping), Home and End; ignores other keys', () => {
    expect(rovingIndex('ArrowRight', 0, 3)).toBe(1)
    expect(rovingIndex('ArrowRight', 2, 3)).toBe(0)
    expect(rovingIndex('ArrowLeft', 0, 3)).toBe(2)
    expect(rovingIndex('ArrowDown', 1, 3)).toBe(2)
    expect(rovingIndex('ArrowUp', 1, 3)).toBe(0)
    expect(rovingIndex('Home', 2, 3)).toBe(0)
    expect(rovingIndex('End', 0, 3)).toBe(2)
    expect(rovingIndex('ArrowDown', 1, 3, true)).toBeUndefined()
    expect(rovingIndex('a', 1, 3)).toBeUndefined()
  })
})

describe('rovingKeyDown', () => {
  it('focuses and clicks the next item of the same role, skipping disabled ones', () => {
    const clicked = vi.fn()
    render(
      <div role="tablist" onKeyDown={e => rovingKeyDown(e)}>
        {['a', 'b', 'c'].map(name => (
          <button
            key={name}
            role="tab"
            disabled={name === 'b'}
            onClick={() => {
              clicked(name)
            }}
          >
            {name}
          </button>
        ))}
      </div>,
    )
    const a = screen.getByRole('tab', {name: 'a'})
    a.focus()
    fireEvent.keyDown(a, {key: 'ArrowRight'})
    expect(document.activeElement).toBe(screen.getByRole('tab', {name: 'c'}))
    expect(clicked).toHaveBeenCalledWith('c')
    fireEvent.keyDown(document.activeElement!, {key: 'Home'})
    expect(document.activeElement).toBe(a)
    fireEvent.keyDown(a, {key: 'x'})
    expect(clicked).toHaveBeenCalledTimes(2)
  })
})
