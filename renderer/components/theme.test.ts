// @vitest-environment jsdom
import {describe, expect, it, vi} from 'vitest'
import {applyTheme, onThemeChange, themedMedia} from './theme'

describe('themedMedia', () => {
  it('forces plain colour-scheme rules on or off, and leaves the rest', () => {
    expect(themedMedia('(prefers-color-scheme: light)', 'light')).toBe('all')
    expect(themedMedia('(prefers-color-scheme: light)', 'dark')).toBe('not all')
    expect(themedMedia('(prefers-color-scheme: light)', 'system')).toBe(
      '(prefers-color-scheme: light)',
    )
    expect(themedMedia('(max-width: 600px)', 'dark')).toBe('(max-width: 600px)')
  })
})

describe('onThemeChange', () => {
  it('calls back when the theme setting moves data-theme, until unsubscribed', async () => {
    const listener = vi.fn()
    const off = onThemeChange(listener)
    document.documentElement.dataset.theme = 'light'
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1))
    off()
    document.documentElement.dataset.theme = 'dark'
    await new Promise(r => setTimeout(r, 10))
    expect(listener).toHaveBeenCalledTimes(1)
  })
})

describe('applyTheme', () => {
  it('forces the colour-scheme media rules one way or the other, or leaves them', () => {
    expect(themedMedia('(prefers-color-scheme: light)', 'light')).toBe('all')
    expect(themedMedia('(prefers-color-scheme: light)', 'dark')).toBe('not all')
    expect(themedMedia('(prefers-color-scheme: dark)', 'dark')).toBe('all')
    expect(themedMedia('(prefers-color-scheme: light)', 'system')).toBe(
      '(prefers-color-scheme: light)',
    )
    expect(themedMedia('print and (prefers-color-scheme: light)', 'dark')).toBe(
      'print and (prefers-color-scheme: light)',
    )
    expect(themedMedia('(max-width: 600px)', 'dark')).toBe('(max-width: 600px)')
  })

  it('rewrites the page and puts it back for "system"', () => {
    const style = document.createElement('style')
    style.textContent = '@media (prefers-color-scheme: light) { :root { color: black } }'
    document.head.append(style)
    const rule = () => style.sheet!.cssRules[0] as CSSMediaRule
    applyTheme('dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(rule().media.mediaText).toBe('not all')
    applyTheme('light')
    expect(rule().media.mediaText).toBe('all')
    applyTheme('system')
    expect(rule().media.mediaText).toBe('(prefers-color-scheme: light)')
    style.remove()
  })
})
