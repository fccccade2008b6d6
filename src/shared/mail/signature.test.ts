import { describe, expect, it } from 'vitest'
import { signatureHtml, signatureText, swapSignature } from './signature'

describe('signatures', () => {
  it('writes the RFC 3676 separator and escapes HTML', () => {
    expect(signatureText('Ann\nACME')).toBe('\n\n-- \nAnn\nACME\n')
    expect(signatureHtml('<Ann> & co')).toBe('<p>-- <br>&#60;Ann&#62; &#38; co</p>')
    expect(signatureHtml('  ')).toBe('')
  })

  it('swaps one identity’s signature for another’s, and leaves an edited one alone', () => {
    const body = `<p>Hi</p>${signatureHtml('Work')}<p>quote</p>`
    expect(swapSignature(body, 'html', 'Work', 'Home')).toBe(`<p>Hi</p>${signatureHtml('Home')}<p>quote</p>`)
    expect(swapSignature('<p>Hi</p><p>-- <br>Edited</p>', 'html', 'Work', 'Home')).toBe(
      '<p>Hi</p><p>-- <br>Edited</p>',
    )
    expect(swapSignature(`Hi${signatureText('Work')}`, 'plain', 'Work', undefined)).toBe('Hi')
    expect(swapSignature('<p></p><p>x</p>', 'html', undefined, 'New')).toBe(
      `<p></p>${signatureHtml('New')}<p>x</p>`,
    )
  })
})
