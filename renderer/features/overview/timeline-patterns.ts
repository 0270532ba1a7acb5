import type {TimelinePalette} from './timeline-colors'
import type {BarPatterns} from './timeline-draw'

/**
 * The patterns that mark bars without colour: diagonal hatching over errors, a row of short
 * vertical ticks over client errors. Tiles are drawn once per theme; none where the canvas
 * cannot make them (tests).
 */
export function makePatterns(like: HTMLCanvasElement, palette: TimelinePalette): BarPatterns {
  const ctx = like.getContext('2d')
  if (!ctx || typeof document === 'undefined') return {}
  const tile = (size: number, draw: (t: CanvasRenderingContext2D) => void) => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = size
    const t = canvas.getContext('2d')
    if (!t) return undefined
    draw(t)
    return ctx.createPattern(canvas, 'repeat') ?? undefined
  }
  const error = tile(6, t => {
    t.strokeStyle = palette.patternInk
    t.lineWidth = 1.5
    t.beginPath()
    // Two strokes so the hatch joins across tiles.
    t.moveTo(-1, 7)
    t.lineTo(7, -1)
    t.moveTo(5, 7)
    t.lineTo(7, 5)
    t.moveTo(-1, 1)
    t.lineTo(1, -1)
    t.stroke()
  })
  const client = tile(4, t => {
    t.fillStyle = palette.patternInk
    t.fillRect(1, 0, 1, 2)
  })
  return {error, client}
}
