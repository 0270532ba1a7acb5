// @vitest-environment jsdom
import {describe, expect, it, vi} from 'vitest'
import {onThemeChange, themedMedia} from './theme'

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
