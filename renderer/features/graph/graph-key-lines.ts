import type {KeyGroup} from '../../components/key-help'

/** The keys of the focused call graph (see useGraphKeys), for the help sheet. */
export const graphKeyLines: KeyGroup = {
  title: 'Call graph',
  lines: [
    [['↓', '↑'], 'a function it calls / a function that calls it'],
    [['←', '→'], 'previous / next of those'],
    [['E'], 'next function on the exception path'],
    [['Home'], 'the root'],
    [['Enter'], 'the function’s frame view'],
  ],
}
