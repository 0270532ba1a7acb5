import type {KeyGroup} from '../../components/key-help'

/** The keys of the focused call tree, for the help sheet. */
export const treeKeyLines: KeyGroup = {
  title: 'Call tree',
  lines: [
    [['↑', '↓'], 'previous / next call'],
    [['←', '→'], 'collapse, go to the parent / expand, go to the first child'],
    [['PgUp', 'PgDn', 'Home', 'End'], 'by a page, to the ends'],
    [['Enter'], 'a function: its frame view; anything else: open or close it'],
    [['*'], 'expand everything below'],
    [['Enter', 'Shift+Enter'], 'in the filter: next / previous match'],
  ],
}
