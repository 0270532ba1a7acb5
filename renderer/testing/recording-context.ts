/**
 * A CanvasRenderingContext2D stand-in that records calls, for tests of the drawing code where no
 * canvas exists (Node, jsdom). Text is measured as 7 px per character, like an 11 px mono font.
 */
export class RecordingContext {
  font = ''
  fillStyle: string | CanvasGradient | CanvasPattern = ''
  strokeStyle: string | CanvasGradient | CanvasPattern = ''
  lineWidth = 1
  textBaseline: CanvasTextBaseline = 'alphabetic'
  readonly calls: {op: string; args: unknown[]; fillStyle?: unknown}[] = []
  rects = 0
  fills: string[] = []
  texts: {text: string; x: number; y: number}[] = []
  measured = 0

  setTransform(...args: number[]): void {
    this.calls.push({op: 'setTransform', args})
  }
  clearRect(...args: number[]): void {
    this.calls.push({op: 'clearRect', args})
  }
  beginPath(): void {}
  rect(): void {
    this.rects++
  }
  fill(): void {
    this.fills.push(this.fillStyle as string)
  }
  fillRect(...args: number[]): void {
    this.calls.push({op: 'fillRect', args, fillStyle: this.fillStyle})
    this.rects++
    const style = this.fillStyle as string
    if (this.fills[this.fills.length - 1] !== style) this.fills.push(style)
  }
  strokeRect(...args: number[]): void {
    this.calls.push({op: 'strokeRect', args, fillStyle: this.strokeStyle})
  }
  fillText(text: string, x: number, y: number): void {
    this.texts.push({text, x, y})
  }
  drawImage(): void {}
  measureText(text: string): TextMetrics {
    this.measured++
    return {width: text.length * 7} as TextMetrics
  }
  /** Forget what was recorded. */
  reset(): void {
    this.calls.length = 0
    this.rects = 0
    this.fills = []
    this.texts = []
  }
  /** As the DOM type, for code that takes a real context. */
  asContext(): CanvasRenderingContext2D {
    return this as unknown as CanvasRenderingContext2D
  }
}
