import type {KeyGroup} from '../../components/key-help'

/** The keys of the diff view's tree of changes (see DiffTree), for the help sheet. */
export const diffKeyLines: KeyGroup = {
  title: 'Diff view',
  lines: [
    [['↑', '↓'], 'previous / next row'],
    [['←', '→'], 'collapse, go to the parent / expand'],
    [['PgUp', 'PgDn', 'Home', 'End'], 'by a page, to the ends'],
    [['N', 'Shift+N'], 'next / previous change'],
    [['Enter', 'Shift+Enter'], 'open the call in trace B / in trace A'],
    [['←', '→'], 'on the tabs: changes, flame, SQL, HTTP, templates and logs'],
  ],
}
