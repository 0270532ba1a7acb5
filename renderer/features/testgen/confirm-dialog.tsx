import {useEffect, useId, useRef} from 'react'
import type {KeyboardEvent, ReactNode} from 'react'
import {createPortal} from 'react-dom'

const focusable =
  'button:not([disabled]), input:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'

/**
 * A modal question with two answers. Focus moves to the safe answer (cancel) and stays inside
 * the dialog (Tab and Shift+Tab cycle); Escape or a click outside cancels; on close, focus goes
 * back to where it was (the button that asked).
 */
export function ConfirmDialog(props: {
  title: string
  children: ReactNode
  confirmLabel: string
  cancelLabel?: string
  onConfirm: () => void
  onCancel: () => void
  testId?: string
}) {
  const titleId = useId()
  const bodyId = useId()
  const box = useRef<HTMLDivElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const before = document.activeElement
    cancel.current?.focus()
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus()
    }
  }, [])

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys stay in the dialog: the app's shortcuts (number keys, Escape) must not act behind it.
    e.stopPropagation()
    if (e.key === 'Escape') {
      e.preventDefault()
      props.onCancel()
      return
    }
    if (e.key !== 'Tab' || !box.current) return
    const items = [...box.current.querySelectorAll<HTMLElement>(focusable)]
    const first = items[0]
    const last = items.at(-1)
    if (!first || !last) return
    const at = document.activeElement
    if (e.shiftKey && (at === first || !box.current.contains(at))) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && (at === last || !box.current.contains(at))) {
      e.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div
      className="confirm-backdrop"
      onMouseDown={e => e.target === e.currentTarget && props.onCancel()}
    >
      <div
        ref={box}
        className="confirm-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        data-testid={props.testId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="confirm-title">
          {props.title}
        </h2>
        <div id={bodyId} className="confirm-body">
          {props.children}
        </div>
        <div className="confirm-actions">
          <button
            ref={cancel}
            className="button"
            data-testid="confirm-cancel"
            onClick={props.onCancel}
          >
            {props.cancelLabel ?? 'Cancel'}
          </button>
          <button className="button danger" data-testid="confirm-ok" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>,
    document.body,
  )
}
