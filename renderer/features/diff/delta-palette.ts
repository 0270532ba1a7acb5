import type {Palette, ThemeColors} from '../../components/flame-chart/flame-colors'

type Rgb = [number, number, number]

const hex = (v: string): Rgb => {
  const n = Number.parseInt(v.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}
const mix = (a: Rgb, b: Rgb, t: number): string =>
  `#${a
    .map((x, i) =>
      Math.round(x * (1 - t) + b[i]! * t)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
const light = ([r, g, b]: Rgb): boolean => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.45

/**
 * The palette of the diff flame in a theme: red for slower (the theme's exception colour), blue
 * for faster (its frame colour), grey for within the noise; weaker steps mix into the background.
 */
export function deltaPalette(theme: ThemeColors): Palette {
  const bg = hex(theme.background)
  const slower = hex(theme.exception)
  const faster = hex(theme.user)
  const grey = hex(theme.other)
  const steps = [0, 0.28, 0.5, 0.68] // strongest … weakest
  const fills = [
    ...steps.map(t => mix(faster, bg, t)),
    mix(grey, bg, 0.45),
    ...[...steps].reverse().map(t => mix(slower, bg, t)),
    mix(grey, bg, 0.8),
    mix(grey, bg, 0.88),
  ]
  const labels = fills.map(f => (light(hex(f)) ? '#101216' : '#ffffff'))
  return {fills, labels, selection: theme.selection, hover: theme.hover}
}
