import {describe, expect, it} from 'vitest'
import {previewCsp, previewDocument} from './html-preview'

describe('previewDocument', () => {
  it('puts a CSP that loads and runs nothing before any recorded markup', () => {
    const doc = previewDocument('<img src="http://evil.test/x.png"><script>alert(1)</script>')
    expect(previewCsp).toBe("default-src 'none'; style-src 'unsafe-inline'")
    expect(
      doc.startsWith(
        `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="${previewCsp}">`,
      ),
    ).toBe(true)
    expect(doc.indexOf('<img')).toBeGreaterThan(doc.indexOf('Content-Security-Policy'))
  })
})
