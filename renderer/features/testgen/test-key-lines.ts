import type {KeyGroup} from '../../components/key-help'

/** The keys of the Test view, for the help sheet. */
export const testKeyLines: KeyGroup = {
  title: 'Test view',
  lines: [
    [['←', '→'], 'on Code / Report and on the test style: switch'],
    [['Enter'], 'in the file name: save the test'],
    [['Esc'], 'the overwrite question: keep the file'],
  ],
}
