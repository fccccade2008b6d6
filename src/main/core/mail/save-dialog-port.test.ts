import { describe, expect, it } from 'vitest'
import { safeFileName } from './save-dialog-port'

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['C:\\Windows\\evil.exe', 'C__Windows_evil.exe'],
    ['.bashrc', 'bashrc'],
    ['line\r\nbreak\u0000.txt', 'line__break_.txt'],
    ['', 'attachment'],
    ['...', 'attachment'],
  ])('turns %j into %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected)
  })

  it('bounds the length', () => {
    expect(safeFileName('a'.repeat(1000))).toHaveLength(180)
  })
})
