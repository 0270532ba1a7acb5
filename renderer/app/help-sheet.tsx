import './help-sheet.css'
import {Fragment, useRef} from 'react'
import {CloseIcon} from '../components/icons'
import {useDialogFocus} from '../components/dialog-focus'
import {viewList} from './views'

/** One line of the sheet: the keys (alternatives separated) and what they do. */
type KeyLine = [keys: string[], what: string]

const firstInsight = viewList.findIndex(v => v.count)
const traceViews = firstInsight < 0 ? viewList : viewList.slice(0, firstInsight)
const insightViews = firstInsight < 0 ? [] : viewList.slice(firstInsight)

/** Every key of the app, by where it works. The view keys come from the one list of views. */
export const keyGroups: {title: string; lines: KeyLine[]}[] = [
  {
    title: 'Anywhere',
    lines: [
      ...[...traceViews, ...insightViews].map((v): KeyLine => [[v.key], `${v.label} view`]),
      [['Alt+↓', 'Alt+↑'], 'next / previous trace'],
      [['/'], 'filter the calls of the tree'],
      [['F4', 'Ctrl+E'], 'open the selected call in your editor'],
      [['Ctrl+,'], 'settings'],
      [['Esc'], 'clear the selection; close a dialog'],
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
      [['Enter', 'Space'], 'open the trace'],
    ],
  },
  {
    title: 'Call tree',
    lines: [
      [['↑', '↓'], 'previous / next call'],
      [['←', '→'], 'collapse, go to the parent / expand, go to the first child'],
      [['PgUp', 'PgDn', 'Home', 'End'], 'by a page, to the ends'],
      [['Enter'], 'a function: its frame view; anything else: open or close it'],
      [['*'], 'expand everything below'],
      [['Enter', 'Shift+Enter'], 'in the filter: next / previous match'],
    ],
  },
  {
    title: 'Flame chart',
    lines: [
      [['↑', '↓'], 'parent / first child (announced)'],
      [['←', '→'], 'previous / next sibling'],
      [['Home'], 'the first root'],
      [['Enter'], 'the selected call’s frame view'],
      [['Shift+arrows', 'W A S D'], 'pan'],
      [['+', '−', '0'], 'zoom in, out, show everything'],
      [['N', 'Shift+N'], 'next / previous search match'],
    ],
  },
  {
    title: 'Call graph',
    lines: [
      [['↓', '↑'], 'a function it calls / a function that calls it'],
      [['←', '→'], 'previous / next of those'],
      [['E'], 'next function on the exception path'],
      [['Home'], 'the root'],
      [['Enter'], 'the function’s frame view'],
    ],
  },
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
        <div className="help-sheet-body">
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
