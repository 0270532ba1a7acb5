import {describe, expect, it} from 'vitest'
import {buildPalette, defaultTheme, toHex} from './flame-colors'

describe('toHex', () => {
  it.each([
    ['#ffffff', '#ffffff'],
    [' #FFF ', '#ffffff'],
    ['#2f6fd6', '#2f6fd6'],
    ['rgb(23, 24, 27)', '#17181b'],
    ['rgba(255,0,10,0.5)', '#ff000a'],
    ['var(--x)', undefined],
    ['', undefined],
  ])('%j -> %j', (css, hex) => {
    expect(toHex(css)).toBe(hex)
  })
})

describe('buildPalette', () => {
  it('dims towards the background and picks readable label colours', () => {
    const light = buildPalette({...defaultTheme, background: '#ffffff', user: '#2f6fd6'})
    expect(light.fills[4]).toBe('#d1dff6') // user, dimmed: 78% of the way to white
    const dark = buildPalette(defaultTheme)
    expect(dark.labels[0]).toBe('#101216') // light blue fill, dark text
  })
})
