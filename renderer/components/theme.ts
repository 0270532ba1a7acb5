import {useEffect, useState} from 'react'
import type {ThemeSetting} from '../../shared/api/projects-contract'
import {useAppStore} from '../state/use-app-store'

// The stylesheets pick colours with `@media (prefers-color-scheme: …)`. In Electron the main
// process sets nativeTheme, which moves that media feature itself. In a browser nothing can, so a
// chosen theme rewrites those media rules to always (or never) apply; 'system' puts them back.
const original = new WeakMap<CSSMediaRule, string>()

function mediaRules(doc: Document): CSSMediaRule[] {
  const rules: CSSMediaRule[] = []
  for (const sheet of Array.from(doc.styleSheets)) {
    let list: CSSRuleList
    try {
      list = sheet.cssRules
    } catch {
      continue // A stylesheet from elsewhere: not ours to read.
    }
    for (const rule of Array.from(list)) {
      if (rule instanceof CSSMediaRule) rules.push(rule)
    }
  }
  return rules
}

/** The media text a rule should have under `theme`: forced on, forced off, or as written. */
export function themedMedia(text: string, theme: ThemeSetting): string {
  const scheme = /prefers-color-scheme:\s*(light|dark)/.exec(text)?.[1]
  if (scheme === undefined || theme === 'system') return text
  // Only plain "(prefers-color-scheme: x)" rules are forced; combined queries keep their text.
  if (text.replace(/[()\s]/g, '') !== `prefers-color-scheme:${scheme}`) return text
  return scheme === theme ? 'all' : 'not all'
}

/** Apply a theme to the page: `data-theme` on <html>, and the colour-scheme media rules. */
export function applyTheme(theme: ThemeSetting, doc: Document = document): void {
  doc.documentElement.dataset.theme = theme
  for (const rule of mediaRules(doc)) {
    const text = original.get(rule) ?? rule.media.mediaText
    if (!/prefers-color-scheme/.test(text)) continue
    original.set(rule, text)
    const wanted = themedMedia(text, theme)
    if (rule.media.mediaText !== wanted) rule.media.mediaText = wanted
  }
}

/** Keep the page in the theme the settings name, including stylesheets that load later. */
export function useTheme(): void {
  const theme = useAppStore(s => s.settings?.theme ?? 'system')
  useEffect(() => {
    applyTheme(theme)
    // Views load their CSS lazily: theme each new stylesheet too.
    const observer = new MutationObserver(records => {
      applyTheme(theme)
      for (const node of records.flatMap(r => Array.from(r.addedNodes))) {
        // A <link> has no rules until it has loaded.
        if (node instanceof HTMLLinkElement) {
          node.addEventListener('load', () => applyTheme(theme), {once: true})
        }
      }
    })
    observer.observe(document.head, {childList: true})
    return () => observer.disconnect()
  }, [theme])
}

/**
 * Call `listener` whenever the page's colours may have changed: the OS scheme flipped, or the
 * theme setting moved `data-theme` on <html>. Canvas views (flame chart, call graph) read their
 * colours from CSS variables and must redraw then. Returns the unsubscribe function.
 */
export function onThemeChange(listener: () => void, doc: Document = document): () => void {
  const scheme = doc.defaultView?.matchMedia?.('(prefers-color-scheme: light)')
  scheme?.addEventListener?.('change', listener)
  const observer =
    typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(() => listener())
  observer?.observe(doc.documentElement, {attributes: true, attributeFilter: ['data-theme']})
  return () => {
    scheme?.removeEventListener?.('change', listener)
    observer?.disconnect()
  }
}

/** A number that changes whenever the page's colours may have (see onThemeChange). */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0)
  useEffect(() => onThemeChange(() => setVersion(v => v + 1)), [])
  return version
}
