import {barStyleCount} from './timeline-layout'

/** The timeline's colours, resolved from the theme for one redraw. */
export interface TimelinePalette {
  /** Fill per style, then the dimmed fill per style (index + barStyleCount). */
  fills: string[]
  /** Label colour on each fill. */
  labels: string[]
  /** The pattern stroke drawn over error and client-error bars (the cue that is not colour). */
  patternInk: string
  background: string
  axisBackground: string
  axisText: string
  grid: string
  border: string
  hover: string
  focus: string
  selection: string
  brush: string
  brushEdge: string
}

/** The theme's colours the timeline reads, by CSS variable. */
export interface TimelineTheme {
  ok: string
  client: string
  error: string
  test: string
  job: string
  script: string
  background: string
  panel: string
  text: string
  faint: string
  border: string
  strong: string
  accent: string
}

/** Colours used where no stylesheet is loaded (tests): the dark theme's. */
export const defaultTimelineTheme: TimelineTheme = {
  ok: '#4cc38a',
  client: '#e2b340',
  error: '#f26b6b',
  test: '#e879b9',
  job: '#c7b750',
  script: '#7d838f',
  background: '#17181b',
  panel: '#1d1e22',
  text: '#8a8f99',
  faint: '#2c2e34',
  border: '#3a3d44',
  strong: '#f2f3f5',
  accent: '#5aa2ff',
}

const themeVars: Record<keyof TimelineTheme, string> = {
  ok: '--kind-request',
  client: '--warn',
  error: '--error',
  test: '--kind-test',
  job: '--kind-job',
  script: '--kind-flushed',
  background: '--bg',
  panel: '--bg-panel',
  text: '--fg-muted',
  faint: '--border',
  border: '--border-strong',
  strong: '--fg-strong',
  accent: '--accent',
}

/** The theme's colours as the CSS variables on `el` define them (defaults where they do not). */
export function readTimelineTheme(el: Element): TimelineTheme {
  const style = getComputedStyle(el)
  const theme = {...defaultTimelineTheme}
  for (const [key, name] of Object.entries(themeVars)) {
    const value = sixDigitHex(style.getPropertyValue(name))
    if (value) theme[key as keyof TimelineTheme] = value
  }
  return theme
}

/** `#rrggbb` for `#rrggbb` or `#rgb` (the build minifies `#ffffff` to `#fff`), else undefined. */
export function sixDigitHex(value: string): string | undefined {
  const v = value.trim()
  if (/^#[0-9a-f]{6}$/i.test(v)) return v
  if (/^#[0-9a-f]{3}$/i.test(v)) return `#${[...v.slice(1)].map(c => c + c).join('')}`
  return undefined
}

type Rgb = [number, number, number]

function parseHex(hex: string): Rgb {
  const v = Number.parseInt(hex.slice(1), 16)
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255]
}

function mix(a: Rgb, b: Rgb, t: number): string {
  return `#${a
    .map((x, i) => Math.round(x * (1 - t) + b[i]! * t))
    .map(x => x.toString(16).padStart(2, '0'))
    .join('')}`
}

function luminance([r, g, b]: Rgb): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
}

/** Fills, label colours and overlay colours for a theme. */
export function buildTimelinePalette(theme: TimelineTheme): TimelinePalette {
  const bg = parseHex(theme.background)
  const light = luminance(bg) > 0.5
  const bases = [theme.ok, theme.client, theme.error, theme.test, theme.job, theme.script]
  const fills: string[] = []
  const labels: string[] = []
  for (const base of bases) fills.push(mix(parseHex(base), bg, light ? 0.1 : 0.15))
  for (const base of bases) fills.push(mix(parseHex(base), bg, 0.75))
  for (const fill of fills) labels.push(luminance(parseHex(fill)) > 0.5 ? '#101216' : '#ffffff')
  if (fills.length !== 2 * barStyleCount) throw new Error('a bar style without a colour')
  return {
    fills,
    labels,
    patternInk: light ? 'rgba(0, 0, 0, 0.45)' : 'rgba(0, 0, 0, 0.5)',
    background: theme.background,
    axisBackground: theme.panel,
    axisText: theme.text,
    grid: theme.faint,
    border: theme.border,
    hover: light ? 'rgba(0, 0, 0, 0.7)' : 'rgba(255, 255, 255, 0.75)',
    focus: theme.accent,
    selection: theme.strong,
    brush: light ? 'rgba(10, 105, 218, 0.12)' : 'rgba(90, 162, 255, 0.14)',
    brushEdge: theme.accent,
  }
}
