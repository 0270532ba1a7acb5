// @vitest-environment jsdom
import {describe, expect, it} from 'vitest'
import {labelOn} from './merged-flame-renderer'
import {
  buildTimelinePalette,
  defaultTimelineTheme,
  readTimelineTheme,
  sixDigitHex,
} from './timeline-colors'

describe('the timeline colours', () => {
  it('reads #rgb as the build minifies it, and ignores what is not a hex colour', () => {
    expect(sixDigitHex(' #fff')).toBe('#ffffff')
    expect(sixDigitHex('#1a7f37')).toBe('#1a7f37')
    expect(sixDigitHex('rgba(0, 0, 0, 0.04)')).toBeUndefined()
    expect(sixDigitHex('#ffff')).toBeUndefined()
  })

  it("takes the light theme's background when the stylesheet writes it short", () => {
    const el = document.createElement('div')
    el.style.setProperty('--bg', '#fff')
    el.style.setProperty('--bg-panel', '#f7f8fa')
    document.body.append(el)
    const theme = readTimelineTheme(el)
    expect(theme.background).toBe('#ffffff')
    expect(theme.panel).toBe('#f7f8fa')
    expect(theme.ok).toBe(defaultTimelineTheme.ok)
    // A light background makes the dimmed fills light, and their labels dark.
    const palette = buildTimelinePalette(theme)
    expect(palette.background).toBe('#ffffff')
    expect(labelOn('#fff')).toBe('#101216')
    expect(labelOn('#000')).toBe('#ffffff')
    el.remove()
  })
})
