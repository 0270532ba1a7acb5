// @vitest-environment jsdom
import {cleanup, fireEvent, render, screen} from '@testing-library/react'
import {useRef, useState} from 'react'
import {afterEach, describe, expect, it} from 'vitest'
import {trappedTarget, useDialogFocus} from './dialog-focus'

afterEach(cleanup)

function Dialog(props: {onClose: () => void}) {
  const ref = useRef<HTMLDivElement>(null)
  useDialogFocus(ref, props.onClose)
  return (
    <div ref={ref} role="dialog" aria-modal="true" tabIndex={-1}>
      <button>first</button>
      <input aria-label="middle" />
      <button>last</button>
    </div>
  )
}

function Page() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button onClick={() => setOpen(true)}>gear</button>
      {open && <Dialog onClose={() => setOpen(false)} />}
    </>
  )
}

describe('trappedTarget', () => {
  it('wraps Tab from the last to the first element and Shift+Tab back', () => {
    const items = ['a', 'b', 'c'].map(() => document.createElement('button'))
    expect(trappedTarget(items, items[2]!, false)).toBe(items[0])
    expect(trappedTarget(items, items[0]!, true)).toBe(items[2])
    expect(trappedTarget(items, items[1]!, false)).toBeUndefined()
    expect(trappedTarget(items, document.body, false)).toBe(items[0])
    expect(trappedTarget([], document.body, false)).toBeUndefined()
  })
})

describe('useDialogFocus', () => {
  it('moves focus in, keeps Tab inside, closes on Escape and gives focus back', async () => {
    render(<Page />)
    const gear = screen.getByRole('button', {name: 'gear'})
    gear.focus()
    fireEvent.click(gear)
    const first = screen.getByRole('button', {name: 'first'})
    expect(document.activeElement).toBe(first)
    const last = screen.getByRole('button', {name: 'last'})
    last.focus()
    fireEvent.keyDown(last, {key: 'Tab'})
    expect(document.activeElement).toBe(first)
    fireEvent.keyDown(first, {key: 'Tab', shiftKey: true})
    expect(document.activeElement).toBe(last)
    fireEvent.keyDown(last, {key: 'Escape'})
    expect(screen.queryByRole('dialog')).toBeNull()
    await new Promise(r => requestAnimationFrame(r))
    expect(document.activeElement).toBe(gear)
  })
})
