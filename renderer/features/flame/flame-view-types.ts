import type {SearchResult} from '../../analysis/analysis-core'

/** What the toolbar asks of the chart on screen. */
export interface ChartCommands {
  cycle(step: 1 | -1): void
  reset(): void
}

/** Search matches as the charts use them: model rows and matched string ids. */
export type Matches = Pick<SearchResult, 'rows'> & {stringHit?: Uint8Array}
