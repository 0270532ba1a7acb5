import type {StateCreator} from 'zustand/vanilla'
import type {AppState, ComparisonSlice} from './app-state'

/**
 * Creates the comparison slice: which two traces (or executions) the diff view compares; they
 * may belong to any projects.
 */
export const createComparisonSlice: StateCreator<AppState, [], [], ComparisonSlice> = set => ({
  comparison: undefined,
  openComparison: comparison => set({comparison}),
  closeComparison: () => set({comparison: undefined}),
})
