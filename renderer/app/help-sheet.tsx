import './help-sheet.css'
import {Fragment, useRef} from 'react'
import {CloseIcon} from '../components/icons'
import type {KeyGroup, KeyLine} from '../components/key-help'
import {useDialogFocus} from '../components/dialog-focus'
import {useFocusableWhenScrollable} from '../components/scroll-focus'
import {viewList} from './views'

/**
 * Every key of the app, by where it works: the view keys and each view's own keys come from the
 * one list of views, so a view added there is listed here.
 */
export const keyGroups: KeyGroup[] = [
  {
    title: 'Anywhere',
    lines: [
      ...viewList.map((v): KeyLine => [[v.key], `${v.label} view`]),
      [['Alt+↓', 'Alt+↑'], 'next / previous trace'],
      [['/'], 'filter the calls of the tree'],
      [['F4', 'Ctrl+E'], 'open the selected call in your editor'],
      [['Ctrl+,'], 'settings'],
      [['Ctrl+K', '⌘K'], 'find anything: traces, endpoints, functions, files'],
      [['Esc'], 'clear the selection; with none, the project overview; close a dialog'],
      [['?'], 'this sheet'],
      [['Tab', 'Shift+Tab'], 'next / previous control; the first Tab offers “Skip to the trace”'],
    ],
  },
  {
    title: 'View tabs, mode switches',
    lines: [
      [['←', '→'], 'previous / next view or mode'],
      [['Home', 'End'], 'first / last'],
    ],
  },
  {
    title: 'Trace list',
    lines: [
      [['↑', '↓'], 'previous / next trace'],
      [['PgUp', 'PgDn', 'Home', 'End'], 'by a page, to the ends'],
      [['Enter'], 'open the trace'],
      [['Space', 'Ctrl+click'], 'mark it for comparison (two marked: Compare)'],
      [['C'], 'compare it with the previous trace of its endpoint'],
    ],
  },
  ...viewList.flatMap(v => v.keys ?? []),
  {
    title: 'Pane edges',
    lines: [
      [['←', '→'], 'narrower / wider (Shift: by more)'],
      [['Enter'], 'the default width'],
    ],
  },
]

/** The keyboard help sheet (`?`): every key, in a modal dialog that gives focus back on close. */
export function HelpSheet(props: {onClose: () => void}) {
  const ref = useRef<HTMLDivElement>(null)
  // The sheet scrolls on a small window: a tab stop then, so the keyboard can scroll it.
  const bodyRef = useRef<HTMLDivElement>(null)
  useFocusableWhenScrollable(bodyRef, 'All keys')
  useDialogFocus(ref, props.onClose, () =>
    document.querySelector<HTMLElement>('[data-testid="open-help"]'),
  )
  return (
    <div
      className="modal-backdrop"
      onMouseDown={e => e.target === e.currentTarget && props.onClose()}
    >
      <div
        ref={ref}
        className="help-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-sheet-title"
        tabIndex={-1}
        data-testid="help-sheet"
      >
        <header className="help-sheet-header">
          <h2 id="help-sheet-title">Keyboard shortcuts</h2>
          <button
            className="icon-button"
            title="Close (Esc)"
            aria-label="Close keyboard shortcuts"
            onClick={props.onClose}
          >
            <CloseIcon size={12} />
          </button>
        </header>
        <div className="help-sheet-body" ref={bodyRef}>
          {keyGroups.map(group => (
            <section key={group.title} className="help-group">
              <h3>{group.title}</h3>
              <table className="help-keys">
                <tbody>
                  {group.lines.map(([keys, what]) => (
                    <tr key={`${keys.join()} ${what}`}>
                      <th scope="row">
                        {keys.map((k, i) => (
                          <Fragment key={k}>
                            {i > 0 && ' '}
                            <kbd className="kbd">{k}</kbd>
                          </Fragment>
                        ))}
                      </th>
                      <td>{what}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      </div>
    </div>
  )
}
