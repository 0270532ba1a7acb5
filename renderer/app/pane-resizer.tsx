import {useCallback} from 'react'
import type {KeyboardEvent, PointerEvent as ReactPointerEvent} from 'react'

const stepPx = 16

/** The width a resizer key asks for, or undefined for other keys. */
export function resizedByKey(
  key: string,
  shift: boolean,
  side: 'left' | 'right',
  widthPx: number,
  limits: {minPx: number; maxPx: number; defaultPx: number},
): number | undefined {
  const step = shift ? stepPx * 4 : stepPx
  // The separator moves with the arrow: a pane on the right grows as it moves left.
  const grow = side === 'left' ? 1 : -1
  if (key === 'ArrowRight') return widthPx + grow * step
  if (key === 'ArrowLeft') return widthPx - grow * step
  if (key === 'Home') return side === 'left' ? limits.minPx : limits.maxPx
  if (key === 'End') return side === 'left' ? limits.maxPx : limits.minPx
  if (key === 'Enter') return limits.defaultPx
  return undefined
}

/**
 * A vertical drag handle between two panes. Reports the new width of the pane it resizes.
 *
 * `side` says where that pane is: 'left' grows as the pointer moves right, 'right' shrinks.
 * It is a focusable separator too: ←/→ move it (Shift: by more), Home/End to the limits,
 * Enter back to the default width.
 */
export function PaneResizer(props: {
  side: 'left' | 'right'
  widthPx: number
  minPx: number
  maxPx: number
  defaultPx: number
  onResize: (widthPx: number) => void
  label: string
}) {
  const {side, widthPx, onResize} = props
  const onPointerDown = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      e.preventDefault()
      const startX = e.clientX
      const target = e.currentTarget
      const startWidthPx = shownWidth(target, side) || widthPx
      target.setPointerCapture(e.pointerId)
      const move = (m: PointerEvent): void => {
        const dx = m.clientX - startX
        onResize(side === 'left' ? startWidthPx + dx : startWidthPx - dx)
      }
      const up = (): void => {
        target.removeEventListener('pointermove', move)
        target.removeEventListener('pointerup', up)
        document.body.classList.remove('resizing')
      }
      target.addEventListener('pointermove', move)
      target.addEventListener('pointerup', up)
      document.body.classList.add('resizing')
    },
    [side, widthPx, onResize],
  )
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const from = Math.round(shownWidth(e.currentTarget, side) || widthPx)
    const next = resizedByKey(e.key, e.shiftKey, side, from, props)
    if (next === undefined) return
    e.preventDefault()
    onResize(next)
  }
  return (
    <div
      className="pane-resizer"
      role="separator"
      tabIndex={0}
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={Math.round(widthPx)}
      aria-valuemin={props.minPx}
      aria-valuemax={props.maxPx}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => onResize(props.defaultPx)}
    />
  )
}

// Start from the width on screen: a narrow window may show the pane narrower than asked.
function shownWidth(resizer: HTMLElement, side: 'left' | 'right'): number {
  const pane = side === 'left' ? resizer.previousElementSibling : resizer.nextElementSibling
  return pane?.getBoundingClientRect().width ?? 0
}
