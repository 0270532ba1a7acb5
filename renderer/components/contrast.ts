/** A colour as red, green, blue (0–255) and alpha (0–1). */
export type Rgba = readonly [number, number, number, number]

/** A CSS colour (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba()) as Rgba; undefined for anything else. */
export function parseColor(css: string): Rgba | undefined {
  const value = css.trim().toLowerCase()
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(value)?.[1]
  if (hex !== undefined) {
    const full = hex.length === 3 ? [...hex].map(c => c + c).join('') : hex
    const byte = (i: number): number => Number.parseInt(full.slice(i, i + 2), 16)
    return [byte(0), byte(2), byte(4), full.length === 8 ? byte(6) / 255 : 1]
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(value)?.[1]
  if (fn === undefined) return undefined
  const parts = fn.split(/[\s,/]+/).filter(Boolean)
  if (parts.length < 3) return undefined
  const channel = (p: string): number =>
    p.endsWith('%') ? (Number.parseFloat(p) / 100) * 255 : Number.parseFloat(p)
  const alpha = parts[3] === undefined ? 1 : channel(parts[3]) / (parts[3].endsWith('%') ? 255 : 1)
  const rgba: Rgba = [channel(parts[0]!), channel(parts[1]!), channel(parts[2]!), alpha]
  return rgba.every(Number.isFinite) ? rgba : undefined
}

/** `top` painted over an opaque `bottom`: the opaque colour the eye sees. */
export function composite(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3]
  return [
    top[0] * a + bottom[0] * (1 - a),
    top[1] * a + bottom[1] * (1 - a),
    top[2] * a + bottom[2] * (1 - a),
    1,
  ]
}

/**
 * CSS `color-mix(in srgb, a p, b)` with `p` in 0–1 (premultiplied, as browsers mix);
 * `color-mix(in srgb, c 14%, transparent)` is `c` at alpha 0.14.
 */
export function mixColors(a: Rgba, b: Rgba, p: number): Rgba {
  const alpha = a[3] * p + b[3] * (1 - p)
  if (alpha === 0) return [0, 0, 0, 0]
  const channel = (i: number): number => (a[i]! * a[3] * p + b[i]! * b[3] * (1 - p)) / alpha
  return [channel(0), channel(1), channel(2), alpha]
}

/** WCAG 2.1 relative luminance of an opaque colour. */
export function relativeLuminance(c: Rgba): number {
  const linear = (v: number): number => {
    const s = v / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(c[0]) + 0.7152 * linear(c[1]) + 0.0722 * linear(c[2])
}

/** WCAG 2.1 contrast ratio (1–21) of two colours; a translucent `fg` is painted over `bg`. */
export function contrastRatio(fg: Rgba, bg: Rgba): number {
  const a = relativeLuminance(composite(fg, bg))
  const b = relativeLuminance(bg)
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
}
