import type {StateCreator} from 'zustand/vanilla'
import {traceKey} from '../../shared/model/trace-ref'
import type {TestStyle} from '../../shared/testgen/report'
import type {AppState, TestGenSlice} from './app-state'

const styleKey = 'kolo-explorer.testgen.style'

/**
 * Creates the test generation slice: which node of which trace the Test view tests, and in
 * which style (remembered in this browser profile).
 */
export const createTestGenSlice: StateCreator<AppState, [], [], TestGenSlice> = set => ({
  testTarget: undefined,
  testStyle: readStyle(),
  openTest: (trace, nodeId) =>
    set({testTarget: {trace: traceKey(trace), nodeId}, activeView: 'test'}),
  setTestStyle: style => {
    set({testStyle: style})
    try {
      globalThis.localStorage?.setItem(styleKey, style)
    } catch {
      // A private window without storage: the choice lasts for this page only.
    }
  },
})

function readStyle(): TestStyle {
  try {
    return globalThis.localStorage?.getItem(styleKey) === 'pytest' ? 'pytest' : 'django'
  } catch {
    return 'django'
  }
}
