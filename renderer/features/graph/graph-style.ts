import type {StylesheetJson} from 'cytoscape'

/** The theme colours the graph uses (CSS variables, resolved to colours). */
export interface GraphTheme {
  fg: string
  muted: string
  bg: string
  accent: string
  frame: string
  library: string
  request: string
  sql: string
  outbound: string
  template: string
  log: string
  exception: string
}

/** Read the graph's colours from the theme's CSS variables on `el`. */
export function readGraphTheme(el: Element): GraphTheme {
  const style = getComputedStyle(el)
  const v = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback
  return {
    fg: v('--fg', '#d5d7dc'),
    muted: v('--fg-muted', '#8a8f99'),
    bg: v('--bg', '#17181b'),
    accent: v('--accent', '#5aa2ff'),
    frame: v('--kind-frame', '#6fa8ff'),
    library: v('--fg-faint', '#5d626c'),
    request: v('--kind-request', '#4cc38a'),
    sql: v('--kind-sql', '#e59f45'),
    outbound: v('--kind-outbound', '#38bdc5'),
    template: v('--kind-template', '#b68cf5'),
    log: v('--kind-log', '#a9b0bb'),
    exception: v('--kind-exception', '#f26b6b'),
  }
}

/** The cytoscape stylesheet: kinds by colour, SQL and HTTP by shape, the exception path in red. */
export function graphStyle(t: GraphTheme): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        'background-color': t.frame,
        width: 'data(size)',
        height: 'data(size)',
        label: 'data(label)',
        color: t.fg,
        'font-size': 10,
        'font-family': 'JetBrains Mono, ui-monospace, monospace',
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-background-color': t.bg,
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 7,
        'border-width': 0,
      },
    },
    {
      selector: 'node.library, node.package',
      style: {'background-color': t.library, shape: 'round-rectangle'},
    },
    {selector: 'node.request', style: {'background-color': t.request, shape: 'star'}},
    {selector: 'node.sql', style: {'background-color': t.sql, shape: 'barrel'}},
    {selector: 'node.outbound', style: {'background-color': t.outbound, shape: 'diamond'}},
    {selector: 'node.template', style: {'background-color': t.template, shape: 'hexagon'}},
    {selector: 'node.log', style: {'background-color': t.log, shape: 'tag'}},
    {selector: 'node.exception', style: {'background-color': t.exception, shape: 'octagon'}},
    {selector: 'node.exception-path', style: {'border-width': 3, 'border-color': t.exception}},
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': t.muted,
        'target-arrow-color': t.muted,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        opacity: 0.7,
        label: 'data(label)',
        'font-size': 9,
        color: t.muted,
        'text-rotation': 'autorotate',
        'text-background-color': t.bg,
        'text-background-opacity': 0.8,
        'min-zoomed-font-size': 8,
      },
    },
    {
      // Recursion: a loop on the node (fib → fib), its count upright beyond the loop's tip (up
      // and left, where the loop points), clear of its line.
      selector: 'edge.self-loop',
      style: {
        'loop-direction': '-45deg',
        'loop-sweep': '-70deg',
        'control-point-step-size': 48,
        'text-rotation': 'none',
        'text-margin-x': -26,
        'text-margin-y': -16,
        'font-size': 10,
        color: t.fg,
        opacity: 0.9,
      },
    },
    // Mutual recursion: the cycle's edges dashed (their list entries say so too).
    {selector: 'edge.cycle', style: {'line-style': 'dashed', opacity: 0.9}},
    {
      selector: 'edge.exception-path',
      // Dashed as well as red: the path shows without colour too.
      style: {
        'line-color': t.exception,
        'target-arrow-color': t.exception,
        'line-style': 'dashed',
        'line-dash-pattern': [7, 3],
        opacity: 1,
        width: 3,
      },
    },
    {selector: 'node:selected', style: {'border-width': 4, 'border-color': t.accent}},
    {
      selector: 'node.focus',
      style: {'overlay-color': t.accent, 'overlay-opacity': 0.18, 'overlay-padding': 6},
    },
    {selector: '.faded', style: {opacity: 0.18}},
  ]
}
