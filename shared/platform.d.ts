// shared/ compiles with lib ES2022 and no ambient types, so a stray `window` or `Buffer` fails.
// These two encoders exist in every runtime we target (browsers, Node, workers); declare just them.
declare class TextEncoder {
  encode(input?: string): Uint8Array
}
declare class TextDecoder {
  constructor(label?: string, options?: {fatal?: boolean})
  decode(input?: ArrayBufferView | ArrayBuffer): string
}
