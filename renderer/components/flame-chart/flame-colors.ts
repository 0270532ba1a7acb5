import {NodeFlag, NodeKind} from '../../../shared/model/node-kind'

/**
 * The flame chart's palette, derived from the theme's `--kind-*` colours: a colour class per kind
 * of rectangle (user and library frames apart, the exception path in red), four shades per class
 * (picked by name, so neighbours differ) and a dimmed shade for rows a search does not match.
 *
 * Colour indices are small integers so that a redraw can bucket rectangles per colour and fill
 * each bucket with one path.
 */
const classNames = [
  'user',
  'library',
  'request',
  'sql',
  'outbound',
  'template',
  'log',
  'exception',
  'exceptionPath',
  'test',
  'job',
  'other',
] as const

/** One colour class. */
export type ColorClass = (typeof classNames)[number]

const shadeCount = 5 // four shades + dimmed

/** Number of colour indices. */
export const colorCount = classNames.length * shadeCount

/** Base colours (#rrggbb) of the classes and the chart's background, read from the theme. */
export type ThemeColors = Record<ColorClass | 'background' | 'selection' | 'hover', string>

/** Resolved colours: fills and label colours by colour index, plus overlay colours. */
export interface Palette {
  fills: string[]
  labels: string[]
  selection: string
  hover: string
}

/** Colours used where no theme is loaded (tests) — the dark theme's. */
export const defaultTheme: ThemeColors = {
  user: '#6fa8ff',
  library: '#8b919c',
  request: '#4cc38a',
  sql: '#e59f45',
  outbound: '#38bdc5',
  template: '#b68cf5',
  log: '#c7b750',
  exception: '#f26b6b',
  exceptionPath: '#e08585',
  test: '#e879b9',
  job: '#c7b750',
  other: '#7d838f',
  background: '#17181b',
  selection: '#ffffff',
  hover: 'rgba(255, 255, 255, 0.7)',
}

const themeVars: Partial<Record<keyof ThemeColors, string>> = {
  user: '--kind-frame',
  request: '--kind-request',
  sql: '--kind-sql',
  outbound: '--kind-outbound',
  template: '--kind-template',
  log: '--kind-log',
  exception: '--kind-exception',
  test: '--kind-test',
  job: '--kind-job',
  other: '--kind-flushed',
  background: '--bg',
  selection: '--fg-strong',
}

/** The theme's colours as CSS variables on `el` define them (defaults where they do not). */
export function readTheme(el: Element): ThemeColors {
  const style = getComputedStyle(el)
  const theme = {...defaultTheme}
  for (const [key, name] of Object.entries(themeVars)) {
    const value = toHex(style.getPropertyValue(name))
    if (value) theme[key as keyof ThemeColors] = value
  }
  const bg = parseHex(theme.background)
  const light = luminance(bg) > 0.5
  // Library frames are the user colour washed out towards grey; the exception path towards red.
  theme.library = mix(parseHex(theme.user), light ? [180, 184, 192] : [110, 115, 125], 0.8)
  theme.exceptionPath = mix(parseHex(theme.exception), parseHex(theme.user), 0.3)
  theme.hover = light ? 'rgba(0, 0, 0, 0.65)' : 'rgba(255, 255, 255, 0.7)'
  return theme
}

type Rgb = [number, number, number]

/** A CSS colour as #rrggbb, from #rgb, #rrggbb or rgb()/rgba(); undefined for anything else. */
export function toHex(css: string): string | undefined {
  const value = css.trim().toLowerCase()
  if (/^#[0-9a-f]{6}$/.test(value)) return value
  if (/^#[0-9a-f]{3}$/.test(value)) return `#${[...value.slice(1)].map(c => c + c).join('')}`
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(value)
  if (!rgb) return undefined
  return `#${rgb
    .slice(1, 4)
    .map(v => Math.min(255, Number(v)).toString(16).padStart(2, '0'))
    .join('')}`
}

function parseHex(hex: string): Rgb {
  const v = Number.parseInt(hex.slice(1), 16)
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255]
}

function mix(a: Rgb, b: Rgb, t: number): string {
  const c = a.map((x, i) => Math.round(x * (1 - t) + b[i]! * t))
  return `#${c.map(x => x.toString(16).padStart(2, '0')).join('')}`
}

function luminance([r, g, b]: Rgb): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
}

/** Fills and label colours for a theme: shades mix towards white or black; dimmed towards the bg. */
export function buildPalette(theme: ThemeColors): Palette {
  const bg = parseHex(theme.background)
  const fills: string[] = []
  const labels: string[] = []
  for (const name of classNames) {
    const base = parseHex(theme[name])
    const shades = [
      mix(base, bg, 0),
      mix(base, [255, 255, 255], 0.12),
      mix(base, bg, 0.12),
      mix(base, [255, 255, 255], 0.24),
    ]
    for (const shade of shades) {
      fills.push(shade)
      labels.push(luminance(parseHex(shade)) > 0.45 ? '#101216' : '#ffffff')
    }
    const dim = mix(base, bg, 0.78)
    fills.push(dim)
    labels.push(luminance(parseHex(dim)) > 0.45 ? '#4b5059' : '#9aa0aa')
  }
  return {fills, labels, selection: theme.selection, hover: theme.hover}
}

const cls = (name: ColorClass): number => classNames.indexOf(name)
const byKind: number[] = []
byKind[NodeKind.request] = cls('request')
byKind[NodeKind.sql] = cls('sql')
byKind[NodeKind.outbound] = cls('outbound')
byKind[NodeKind.template] = cls('template')
byKind[NodeKind.log] = cls('log')
byKind[NodeKind.exception] = cls('exception')
byKind[NodeKind.test] = cls('test')
byKind[NodeKind.job] = cls('job')
const userClass = cls('user')
const libraryClass = cls('library')
const exceptionPathClass = cls('exceptionPath')
const otherClass = cls('other')
const onExceptionPath = NodeFlag.exceptionOrigin | NodeFlag.exceptionPath

/** The colour index of a rectangle from its kind, flags and name id; `dimmed` for search misses. */
export function colorIndex(kind: number, flags: number, nameId: number, dimmed: boolean): number {
  const c =
    kind === NodeKind.frame
      ? flags & onExceptionPath
        ? exceptionPathClass
        : flags & NodeFlag.library
          ? libraryClass
          : userClass
      : (byKind[kind] ?? otherClass)
  // Knuth's multiplicative hash spreads consecutive name ids over the shades.
  const shade = dimmed ? 4 : ((nameId * 2654435761) >>> 0) % 4
  return c * shadeCount + shade
}

/** The legend: what each colour class means. */
export function legend(theme: ThemeColors): {label: string; color: string}[] {
  return [
    {label: 'Your code', color: theme.user},
    {label: 'Library', color: theme.library},
    {label: 'Request', color: theme.request},
    {label: 'SQL', color: theme.sql},
    {label: 'HTTP out', color: theme.outbound},
    {label: 'Template', color: theme.template},
    {label: 'Log', color: theme.log},
    {label: 'Exception', color: theme.exception},
  ]
}
