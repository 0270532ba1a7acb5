import path from 'node:path'
import type {Browser} from 'playwright-core'
import {generatePairStore} from '../diff/pair-store'
import type {PairStore} from '../diff/pair-store'
import {interact} from './flame-interact'
import {summarize} from './stats'

const fmt = (n: number, digits = 1): string =>
  n.toLocaleString('en-US', {maximumFractionDigits: digits, minimumFractionDigits: digits})

/** The label of the pair the diff flame is measured on (250k calls each, or 5k with --tiny). */
export function diffLabel(args: {tiny: boolean}): string {
  return args.tiny ? 'pair-5k' : 'pair-250k'
}

/** Generates the pair of traces (bench/diff's few-edits variant) into `root`. */
export function diffPair(root: string, args: {tiny: boolean}): PairStore {
  const started = performance.now()
  const pair = generatePairStore(root, diffLabel(args), args.tiny ? 5_000 : 250_000)
  console.log(
    `  generated ${pair.label}: ${pair.records.a.toLocaleString('en-US')} + ${pair.records.b.toLocaleString('en-US')} records (${fmt((performance.now() - started) / 1000)} s)`,
  )
  return pair
}

/**
 * Opens the pair's comparison link, then the diff view's flame tab, and times: link → diff view
 * ready (the backend's diff, both models loaded in the page), tab → both charts painted (flame
 * deltas, colours, depth indexes), and the redraws of the after-chart under the scripted zoom and
 * pan of the flame bench.
 */
export async function measureDiffFlame(
  browser: Browser,
  serverUrl: string,
  pair: PairStore,
  shots: string | undefined,
): Promise<void> {
  const context = await browser.newContext({viewport: {width: 1440, height: 900}})
  const page = await context.newPage()
  const q = new URLSearchParams({project: pair.project, a: pair.traceA, b: pair.traceB})
  const link = `kolo-explorer://diff?${q.toString()}`
  const t0 = performance.now()
  await page.goto(`${serverUrl}&link=${encodeURIComponent(link)}`)
  await page.locator('[data-testid=diff-view][data-diff-ready=true]').waitFor({timeout: 1_200_000})
  const ready = performance.now()
  const summary = await page.getByTestId('diff-summary').innerText()
  await page.getByTestId('diff-tab-flame').click()
  await page
    .locator('[data-testid=diff-flame-b-container][data-painted=true]')
    .waitFor({timeout: 600_000})
  const painted = performance.now()
  console.log(`\n  diff flame, ${pair.label}: ${summary.replace(/\s+/g, ' ')}`)
  console.log(
    `    link → diff view ready  ${fmt(ready - t0, 0)} ms (diffTraces in serve, both models loaded)`,
  )
  console.log(
    `    flame tab → painted     ${fmt(painted - ready, 0)} ms (deltas, colours, indexes)`,
  )
  if (shots) await page.screenshot({path: path.join(shots, `bench-${pair.label}-diff-flame.png`)})
  for (const pass of [1, 2]) {
    const {draws} = await interact(page, 'diff-flame-b')
    const d = summarize(draws)
    console.log(
      `    pass ${pass} redraw, JS (${draws.length}) p50 ${fmt(d.p50, 2)} ms · p95 ${fmt(d.p95, 2)} ms · max ${fmt(d.max, 1)} ms   target p95 ≤ 16 ms`,
    )
  }
  await context.close()
}
