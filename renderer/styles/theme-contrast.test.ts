// This test runs in Node and reads the stylesheet as text (Vite's ?raw gives tests no CSS).
// eslint-disable-next-line no-restricted-imports
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {composite, contrastRatio, mixColors, parseColor} from '../components/contrast'
import type {Rgba} from '../components/contrast'

// The theme's colour tokens, read from theme.css itself, held to WCAG 2.1 AA: text 4.5:1 and
// UI parts 3:1 on every surface they are drawn on, selected and hovered rows included, in both
// themes. The axe suite (e2e/accessibility.e2e.test.ts) checks the same in the rendered views.

const css = readFileSync(new URL('./theme.css', import.meta.url), 'utf8')

/** The custom properties of the first rule body after `from` in the stylesheet. */
function tokensAfter(from: number): Record<string, string> {
  const open = css.indexOf('{', css.indexOf(':root', from))
  const body = css.slice(open + 1, css.indexOf('}', open))
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map(m => [m[1]!, m[2]!]))
}

const dark = tokensAfter(0)
const light = {...dark, ...tokensAfter(css.indexOf('@media (prefers-color-scheme: light)'))}
const themes = {dark, light}

function colorOf(tokens: Record<string, string>, name: string): Rgba {
  const value = tokens[name]
  const color = value === undefined ? undefined : parseColor(value)
  if (!color) throw new Error(`${name} is not a colour: ${value}`)
  return color
}

/** Every opaque surface text sits on, by name. */
function surfaces(t: Record<string, string>): Record<string, Rgba> {
  const c = (name: string): Rgba => colorOf(t, name)
  const bg = c('--bg')
  const panel = composite(c('--bg-panel'), bg)
  return {
    bg,
    panel,
    elev: composite(c('--bg-elev'), bg),
    input: composite(c('--bg-input'), bg),
    'hover on bg': composite(c('--bg-hover'), bg),
    'hover on panel': composite(c('--bg-hover'), panel),
    'error tint': composite(c('--error-bg'), bg),
  }
}

/** A selected row's backgrounds, its list focused or not (hovering a selected row keeps them). */
function selected(t: Record<string, string>): Record<string, Rgba> {
  const bg = colorOf(t, '--bg')
  return {
    selected: composite(colorOf(t, '--bg-selected'), bg),
    'selected (unfocused)': composite(colorOf(t, '--bg-selected-blur'), bg),
  }
}

/** `fg` on each of `backgrounds` below `min`, as "fg on bg: ratio". */
function failures(
  t: Record<string, string>,
  fgs: string[],
  backgrounds: Record<string, Rgba>,
  min: number,
): string[] {
  const out: string[] = []
  for (const fg of fgs) {
    for (const [name, bg] of Object.entries(backgrounds)) {
      const ratio = contrastRatio(colorOf(t, fg), bg)
      if (ratio < min) out.push(`${fg} ${t[fg]} on ${name}: ${ratio.toFixed(2)}`)
    }
  }
  return out
}

const textTokens = (t: Record<string, string>): string[] => [
  '--fg',
  '--fg-strong',
  '--fg-muted',
  '--accent',
  '--ok',
  '--warn',
  '--error',
  ...Object.keys(t).filter(k => k.startsWith('--kind-')),
]

describe.each(Object.entries(themes))('the %s theme', (_, t) => {
  it('has text colours of 4.5:1 on every surface, selected and hovered rows included', () => {
    expect(failures(t, textTokens(t), {...surfaces(t), ...selected(t)}, 4.5)).toEqual([])
  })

  it('has faint text of 4.5:1 on every surface; selected rows show it as muted', () => {
    expect(failures(t, ['--fg-faint'], surfaces(t), 4.5)).toEqual([])
    // On a selected row faint text takes the muted colour, which the test above holds to 4.5:1.
    expect(css).toMatch(
      /\[aria-selected='true'\],\s*\.selected\s*\{[^}]*--fg-faint:\s*var\(--fg-muted\)/,
    )
  })

  it('has code colours of 4.5:1 on code and on marked lines', () => {
    const s = surfaces(t)
    const input = s.input!
    const tint = (name: string, p: number): Rgba =>
      composite(mixColors(colorOf(t, name), input, p), input)
    const code = {
      bg: s.bg!,
      panel: s.panel!,
      elev: s.elev!,
      input,
      'call line': tint('--accent', 0.12),
      'return line': tint('--ok', 0.12),
      'raise line': composite(colorOf(t, '--error-bg'), input),
    }
    const hl = Object.keys(t).filter(k => k.startsWith('--hl-'))
    expect(failures(t, [...hl, '--fg', '--fg-faint'], code, 4.5)).toEqual([])
  })

  it('has badges (status, N+1, TEST, levels) of 4.5:1 on their own tint, on any row', () => {
    const s = surfaces(t)
    const rows = {
      bg: s.bg!,
      panel: s.panel!,
      'hover on bg': s['hover on bg']!,
      'hover on panel': s['hover on panel']!,
      ...selected(t),
    }
    const out: string[] = []
    const badges = ['--ok', '--accent', '--warn', '--error', '--kind-test', '--kind-request']
    for (const name of badges) {
      const fg = colorOf(t, name)
      for (const [rowName, row] of Object.entries(rows)) {
        // Badges tint their background with (at most) 14% of their own colour.
        const bg = composite(mixColors(fg, [0, 0, 0, 0], 0.14), row)
        const ratio = contrastRatio(fg, bg)
        if (ratio < 4.5) out.push(`${name} badge on ${rowName}: ${ratio.toFixed(2)}`)
      }
    }
    expect(out).toEqual([])
  })

  it('has UI parts of 3:1: focus ring, selection bar, input borders', () => {
    const all = {...surfaces(t), ...selected(t)}
    expect(failures(t, ['--focus'], all, 3)).toEqual([])
    expect(failures(t, ['--accent'], selected(t), 3)).toEqual([])
    const s = surfaces(t)
    expect(
      failures(t, ['--border-input'], {bg: s.bg!, panel: s.panel!, input: s.input!}, 3),
    ).toEqual([])
  })
})

describe('contrastRatio', () => {
  it('matches WCAG reference values', () => {
    const black = parseColor('#000')!
    const white = parseColor('#ffffff')!
    expect(contrastRatio(black, white)).toBeCloseTo(21, 5)
    expect(contrastRatio(white, white)).toBe(1)
    // #767676 on white is the classic 4.54:1 grey.
    expect(contrastRatio(parseColor('#767676')!, white)).toBeCloseTo(4.54, 2)
    // Half-transparent black over white is #808080: 3.95:1.
    expect(contrastRatio(parseColor('rgba(0, 0, 0, 0.5)')!, white)).toBeCloseTo(3.95, 1)
  })

  it('parses the colour forms the theme uses and mixes as color-mix does', () => {
    expect(parseColor('#0a69da')).toEqual([10, 105, 218, 1])
    expect(parseColor('#abc')).toEqual([170, 187, 204, 1])
    expect(parseColor('rgba(255, 255, 255, 0.045)')).toEqual([255, 255, 255, 0.045])
    expect(parseColor('var(--x)')).toBeUndefined()
    expect(mixColors([200, 0, 0, 1], [0, 0, 0, 0], 0.14)).toEqual([200, 0, 0, 0.14])
    expect(mixColors([200, 0, 0, 1], [0, 0, 200, 1], 0.5)).toEqual([100, 0, 100, 1])
  })
})
