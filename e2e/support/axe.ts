import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {AxeResults, Result} from 'axe-core'
import type {Page} from 'playwright-core'
import {repoRoot} from './paths'

/** The WCAG 2.1 A and AA rule tags the suite holds every view to. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

let axeSource: string | undefined

/**
 * Puts axe-core into the page, once per document. page.evaluate runs through the DevTools
 * protocol, so the app's CSP (script-src 'self') does not block it as it would a script tag.
 */
export async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return
  axeSource ??= readFileSync(path.join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8')
  await page.evaluate(axeSource)
}

/** One failing element of one rule, where it was seen. */
export interface AxeFinding {
  scene: string
  rule: string
  impact: string
  help: string
  target: string
  html: string
  summary: string
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page, or on the elements `include` selects, and
 * returns each failing element. Waits for two animation frames first, so a view that just
 * rendered has painted.
 */
export async function axeFindings(
  page: Page,
  scene: string,
  include?: string,
): Promise<AxeFinding[]> {
  await injectAxe(page)
  const results = await page.evaluate(
    async ({selector, tags}) => {
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))
      const w = window as unknown as {
        axe: {run: (context: unknown, options: unknown) => Promise<unknown>}
      }
      const context = selector === undefined ? document : {include: [[selector]]}
      return w.axe.run(context, {
        runOnly: {type: 'tag', values: tags},
        resultTypes: ['violations'],
      })
    },
    {selector: include, tags: wcagTags},
  )
  return findingsOf(results as AxeResults, scene)
}

/** The failing elements of axe's results. */
export function findingsOf(results: Pick<AxeResults, 'violations'>, scene: string): AxeFinding[] {
  return results.violations.flatMap((v: Result) =>
    v.nodes.map(n => ({
      scene,
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      target: n.target.map(String).join(' '),
      html: n.html.slice(0, 200),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
    })),
  )
}

/** Findings grouped by rule: how many elements, in how many scenes, with a few examples. */
export function reportFindings(findings: readonly AxeFinding[]): string {
  const byRule = new Map<string, AxeFinding[]>()
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f])
  const lines: string[] = []
  for (const [rule, list] of [...byRule].sort((a, b) => b[1].length - a[1].length)) {
    const scenes = new Set(list.map(f => f.scene))
    lines.push(
      `${rule} (${list[0]!.impact}): ${list.length} in ${scenes.size} scenes — ${list[0]!.help}`,
    )
    const seen = new Set<string>()
    for (const f of list) {
      const key = `${f.target}|${f.summary}`
      if (seen.has(key) || seen.size >= 6) continue
      seen.add(key)
      lines.push(`  [${f.scene}] ${f.target}\n    ${f.html}\n    ${f.summary}`)
    }
  }
  return lines.join('\n')
}

/**
 * What axe's WCAG rules can see of each element under `include` (or the page): its tag, role,
 * classes, ARIA attributes, whether it has text and takes focus, whether it scrolls, and the
 * colours, size and opacity it is drawn with against the background behind it. Two scenes whose
 * elements all have signatures already checked cannot fail a rule the first did not: the suite
 * visits every scene but runs axe only on those that show something new.
 */
export async function sceneSignatures(page: Page, include?: string): Promise<string[]> {
  return page.evaluate(selector => {
    const root = selector === undefined ? document.body : document.querySelector(selector)
    if (!root) return []
    // What axe checks a name, a role or a state of: an empty one of these may fail where a full
    // one passed.
    const named = /^(A|BUTTON|INPUT|SELECT|TEXTAREA|H[1-6]|TH|LABEL|IMG|SVG|SUMMARY|IFRAME)$/
    // The effective background and opacity come down from the ancestors: one walk, top down.
    let start = root.parentElement
    let background = 'page'
    let opacity = 1
    const chain: Element[] = []
    for (; start; start = start.parentElement) chain.unshift(start)
    for (const el of chain) {
      const style = getComputedStyle(el)
      if (style.backgroundColor !== 'rgba(0, 0, 0, 0)') background = style.backgroundColor
      opacity *= Number(style.opacity)
    }
    const out = new Set<string>()
    const visit = (el: Element, bgAbove: string, opacityAbove: number): void => {
      const style = getComputedStyle(el)
      if (style.display === 'none') return
      const bg = style.backgroundColor === 'rgba(0, 0, 0, 0)' ? bgAbove : style.backgroundColor
      const op = opacityAbove * Number(style.opacity)
      const aria = [...el.attributes]
        .filter(a => a.name.startsWith('aria-') || a.name === 'tabindex' || a.name === 'alt')
        .map(a => (a.name === 'aria-hidden' ? `${a.name}=${a.value}` : a.name))
        .sort()
        .join(',')
      const html = el as HTMLElement
      const scrolls =
        /auto|scroll/.test(style.overflowX + style.overflowY) &&
        (html.scrollHeight > html.clientHeight + 1 || html.scrollWidth > html.clientWidth + 1)
      const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent?.trim())
      const role = el.getAttribute('role')
      const empty =
        (role !== null || named.test(el.tagName.toUpperCase())) && !el.textContent?.trim()
      out.add(
        [
          el.tagName,
          role ?? '',
          [...el.classList].sort().join('.'),
          aria,
          empty ? 'empty' : '',
          scrolls ? 'scrolls' : '',
          hasText
            ? `${style.color}/${bg}/${style.fontSize}/${style.fontWeight}/${Math.round(op * 100)}`
            : '',
          style.visibility,
        ].join('|'),
      )
      for (const child of el.children) visit(child, bg, op)
    }
    visit(root, background, opacity)
    return [...out]
  }, include)
}
