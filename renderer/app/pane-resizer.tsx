import {useCallback} from 'react'
import type {PointerEvent as ReactPointerEvent} from 'react'

/**
 * A vertical drag handle between two panes. Reports the new width of the pane it resizes.
 *
 * `side` says where that pane is: 'left' grows as the pointer moves right, 'right' shrinks.
 */
export function PaneResizer(props: {
  side: 'left' | 'right'
  widthPx: number
  onResize: (widthPx: number) => void
  label: string
}) {
  const {side, widthPx, onResize} = props
  const onPointerDown = useCallback(
    (e: ReactPointerEvent<HTMLDivElement>) => {
      e.preventDefault()
      const startX = e.clientX
      const target = e.currentTarget
      // Start from the width on screen: a narrow window may show the pane narrower than asked.
      const pane = side === 'left' ? target.previousElementSibling : target.nextElementSibling
      const startWidthPx = pane?.getBoundingClientRect().width || widthPx
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
  return (
    <div
      className="pane-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      onPointerDown={onPointerDown}
      onDoubleClick={() => onResize(side === 'left' ? 320 : 420)}
    />
  )
}
