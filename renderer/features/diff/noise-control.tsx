import {useState} from 'react'
import type {NoiseThreshold} from '../../../shared/diff/alignment'

/**
 * The noise threshold: a time change counts only when it is at least N ms and N% of the slower
 * run (two runs of the same code are never equally fast). Rows and the flame follow at once; the
 * summary line is redone by the backend.
 */
export function NoiseControl(props: {
  noise: NoiseThreshold
  onChange: (noise: NoiseThreshold) => void
}) {
  const {noise, onChange} = props
  // What the user typed, kept as text so that an emptied field does not snap back to 0.
  const [ms, setMs] = useState(String(noise.minAbsNs / 1e6))
  const [pct, setPct] = useState(String(Math.round(noise.minRel * 100)))
  const commit = (msText: string, pctText: string): void => {
    const m = Number(msText)
    const p = Number(pctText)
    if (msText.trim() === '' || pctText.trim() === '') return
    if (!Number.isFinite(m) || !Number.isFinite(p) || m < 0 || p < 0 || p > 1000) return
    onChange({minAbsNs: m * 1e6, minRel: p / 100})
  }
  return (
    <div
      className="noise-control"
      role="group"
      aria-label="Noise threshold"
      title="Time changes under both thresholds are noise: not marked slower or faster"
    >
      <span className="muted">Noise under</span>
      <input
        className="text-input noise-input mono"
        type="number"
        min={0}
        step={0.1}
        value={ms}
        aria-label="Milliseconds"
        data-testid="noise-ms"
        onChange={e => {
          setMs(e.target.value)
          commit(e.target.value, pct)
        }}
      />
      <span className="muted">ms or</span>
      <input
        className="text-input noise-input mono"
        type="number"
        min={0}
        max={1000}
        step={1}
        value={pct}
        aria-label="Percent"
        data-testid="noise-pct"
        onChange={e => {
          setPct(e.target.value)
          commit(ms, e.target.value)
        }}
      />
      <span className="muted">%</span>
    </div>
  )
}
