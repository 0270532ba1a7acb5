import {closeSync, openSync, readFileSync, readdirSync, writeSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'
import type {TraceModel} from '../shared/model/trace-model'

/**
 * The same calls in speedscope: a trace model written as speedscope's evented profile (its
 * file-format-schema.json), opened through speedscope's own file import in its release build,
 * in headless Chromium, timed until its flame chart has drawn.
 */

const SCHEMA = 'https://www.speedscope.app/file-format-schema.json'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** speedscope's release build (the npm package's dist/release). */
export function speedscopeIndex(repo: string): string {
  return path.join(repo, 'node_modules', 'speedscope', 'dist', 'release', 'index.html')
}

/** Buffered writes of JSON text to a file, so a 400 MB profile never sits in memory. */
class TextSink {
  private parts: string[] = []
  private size = 0
  bytes = 0
  constructor(private readonly fd: number) {}

  push(text: string): void {
    this.parts.push(text)
    this.size += text.length
    if (this.size > 1 << 20) this.flush()
  }

  flush(): void {
    const buffer = Buffer.from(this.parts.join(''), 'utf8')
    writeSync(this.fd, buffer)
    this.bytes += buffer.length
    this.parts = []
    this.size = 0
  }
}

/**
 * Write every row of `model` as an open and a close event of its function (name and file), in
 * depth-first order; times in ns, never going back (speedscope rejects that).
 */
export function writeEventedProfile(
  model: TraceModel,
  file: string,
): {events: number; frames: number; bytes: number} {
  const frameOf = new Uint32Array(model.nodeCount)
  const byKey = new Map<string, number>()
  const frames: {name: string; file?: string; line?: number}[] = []
  for (let row = 0; row < model.nodeCount; row++) {
    const key = `${model.nameId[row]}:${model.fileId[row]}`
    let frame = byKey.get(key)
    if (frame === undefined) {
      frame = frames.length
      byKey.set(key, frame)
      const fileId = model.fileId[row]!
      const line = model.line[row]!
      frames.push({
        name: model.strings[model.nameId[row]!] ?? '',
        ...(fileId >= 0 ? {file: model.strings[fileId]} : {}),
        ...(line > 0 ? {line} : {}),
      })
    }
    frameOf[row] = frame
  }
  const fd = openSync(file, 'w')
  const sink = new TextSink(fd)
  let events = 0
  try {
    let last = 0
    const at = (ns: number): number => (last = Math.max(last, Math.round(ns)))
    let end = 0
    for (let row = 0; row < model.nodeCount; row++) end = Math.max(end, model.endNs[row]!)
    sink.push(`{"$schema":"${SCHEMA}","shared":{"frames":${JSON.stringify(frames)}},`)
    sink.push(`"profiles":[{"type":"evented","name":${JSON.stringify(model.meta.name)},`)
    sink.push(`"unit":"nanoseconds","startValue":0,"endValue":${Math.round(end)},"events":[`)
    const stack: number[] = []
    const close = (): void => {
      const row = stack.pop()!
      sink.push(
        `${events++ ? ',' : ''}{"type":"C","frame":${frameOf[row]},"at":${at(model.endNs[row]!)}}`,
      )
    }
    for (let row = 0; row < model.nodeCount; row++) {
      while (stack.length > 0 && row >= stack.at(-1)! + model.size[stack.at(-1)!]!) close()
      stack.push(row)
      sink.push(
        `${events++ ? ',' : ''}{"type":"O","frame":${frameOf[row]},"at":${at(model.startNs[row]!)}}`,
      )
    }
    while (stack.length > 0) close()
    sink.push(`]}],"name":${JSON.stringify(model.meta.name)},"activeProfileIndex":0,`)
    sink.push(`"exporter":"kolo-explorer bench"}`)
    sink.flush()
  } finally {
    closeSync(fd)
  }
  return {events, frames: frames.length, bytes: sink.bytes}
}

/** VmHWM (peak RSS) in MB of the descendants of a process (not itself): summed, and the largest. */
function treePeakMb(root: number): {sumMb: number; maxMb: number} {
  const parent = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parent.set(Number(name), ppid)
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) return true
    }
    return false
  }
  let sumMb = 0
  let maxMb = 0
  for (const pid of parent.keys()) {
    if (!inTree(pid)) continue
    try {
      const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      const mb = hwm ? Number(hwm[1]) / 1024 : 0
      sumMb += mb
      maxMb = Math.max(maxMb, mb)
    } catch {
      // gone meanwhile
    }
  }
  return {sumMb, maxMb}
}

/** The page's globals used below (this file compiles without the DOM library). */
interface PageWindow {
  document: {body: {innerText: string}; querySelector(selector: string): {width: number} | null}
  requestAnimationFrame(callback: () => void): number
}

/** What opening a profile in speedscope took. */
export interface SpeedscopeRun {
  /** From handing the file to speedscope's file input to its flame chart drawn. */
  ms: number
  /** Peak RSS of Chromium's processes: summed, and the largest (the renderer). */
  chromiumPeakMb: number
  rendererPeakMb: number
}

/** Open `profile` in speedscope's release build through its file input; time to the flame chart. */
export async function openInSpeedscope(
  repo: string,
  profile: string,
  timeoutMs: number,
): Promise<SpeedscopeRun> {
  const browser = await chromium.launch({
    executablePath: process.env.KOLO_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  try {
    const page = await browser.newPage({viewport: {width: 1280, height: 800}})
    await page.goto(pathToFileURL(speedscopeIndex(repo)).href)
    const input = page.locator('input[type=file]')
    await input.waitFor({state: 'attached'})
    const started = Date.now()
    await input.setInputFiles(profile)
    // Loaded: the toolbar's view switches replace the landing page, and the flame chart's canvas
    // has a size; then two frames, so its first draw is on screen.
    await page.waitForFunction(
      () => {
        const doc = (globalThis as unknown as PageWindow).document
        const canvas = doc.querySelector('canvas')
        return doc.body.innerText.includes('Left Heavy') && canvas !== null && canvas.width > 0
      },
      undefined,
      {timeout: timeoutMs, polling: 100},
    )
    await page.evaluate(
      () =>
        new Promise<void>(resolve => {
          const w = globalThis as unknown as PageWindow
          w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve()))
        }),
    )
    const ms = Date.now() - started
    // Chromium's processes are this process's descendants (playwright spawns it directly).
    const peak = treePeakMb(process.pid)
    return {ms, chromiumPeakMb: peak.sumMb, rendererPeakMb: peak.maxMb}
  } finally {
    await browser.close()
  }
}
