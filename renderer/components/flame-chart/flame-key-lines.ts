import type {KeyGroup} from '../key-help'

/** The keys of a focused flame chart (the flame view's and the diff view's), for the help sheet. */
export const flameKeyLines: KeyGroup = {
  title: 'Flame chart',
  lines: [
    [['↑', '↓'], 'parent / first child (announced)'],
    [['←', '→'], 'previous / next sibling'],
    [['Home'], 'the first root'],
    [['Enter'], 'the selected call’s frame view'],
    [['Shift+arrows', 'W A S D'], 'pan'],
    [['+', '−', '0'], 'zoom in, out, show everything'],
    [['N', 'Shift+N'], 'next / previous search match'],
    [['Enter', 'Shift+Enter'], 'in the search field: next / previous match'],
  ],
}
