/**
 * Appearance and layout in Chromium on a realistic mailbox (the demo's generated mail on Dovecot):
 * resizable panes remembered across a reload, two panes at 600 px and one (with "Back") below,
 * reflow at 320 CSS px, zoom keys, print, and the dark theme. Saves docs/screenshot-dark.png and
 * docs/screenshot-600.png with UPDATE_SCREENSHOTS=1 (out/screenshots/ always).
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemoMailbox } from '../../scripts/demo/generate-mail'
import { seedImap } from '../../scripts/demo/seed-imap'
import { createTestUser, mailStack, testCa } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount } from './reader-helpers'

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('out/screenshots', { recursive: true })
  await page.screenshot({ path: `out/screenshots/${name}.png` })
  if (process.env['UPDATE_SCREENSHOTS']) copyFileSync(`out/screenshots/${name}.png`, `docs/${name}.png`)
}

const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible()

describe('layout and appearance', () => {
  let app: AppUnderTest
  beforeAll(async () => {
    const user = createTestUser('layout')
    const messages = await generateDemoMailbox(new Date())
    const { host, ports } = mailStack()
    await seedImap(
      { host, port: ports.imaps, user: user.address, pass: user.password, ca: testCa() },
      messages,
    )
    app = await startApp({ extraCa: [testCa()] })
    await app.page.setViewportSize({ width: 1400, height: 860 })
    await addImapAccount(app, user, 'demo', 'Work')
    await app.page.getByRole('option', { name: /Trailhead Outdoor · Issue 12/ }).waitFor({ timeout: 60_000 })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('resizes the panes with the pointer and the keyboard, and remembers them', async () => {
    const { page } = app
    const folders = page.getByRole('separator', { name: 'Resize the folder pane' })
    const before = (await page.locator('.folder-column').boundingBox())!.width
    const box = (await folders.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + 200)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 80, box.y + 200, { steps: 4 })
    await page.mouse.up()
    const after = (await page.locator('.folder-column').boundingBox())!.width
    expect(Math.round(after - before)).toBe(80)
    const list = page.getByRole('separator', { name: 'Resize the message list' })
    await list.focus()
    const listBefore = Number(await list.getAttribute('aria-valuenow'))
    await page.keyboard.press('ArrowLeft')
    await page.keyboard.press('ArrowLeft')
    expect(Number(await list.getAttribute('aria-valuenow'))).toBe(listBefore - 32)
    expect(Math.round((await page.locator('.list-column').boundingBox())!.width)).toBe(listBefore - 32)
    await page.reload()
    await page.locator('.folder-column').waitFor()
    expect(Math.round((await page.locator('.folder-column').boundingBox())!.width)).toBe(Math.round(after))
    expect(
      Number(
        await page.getByRole('separator', { name: 'Resize the message list' }).getAttribute('aria-valuenow'),
      ),
    ).toBe(listBefore - 32)
  })

  it('shows two panes at 600 px (folders behind a button) and one below, with Back', async () => {
    const { page } = app
    await page.setViewportSize({ width: 600, height: 760 })
    const newsletter = page.getByRole('option', { name: /Trailhead Outdoor · Issue 12/ })
    await newsletter.click()
    await page
      .frameLocator('iframe[title="Message content"]')
      .getByRole('img', { name: 'Trailhead Outdoor' })
      .waitFor()
    expect(await visible(page, '.folder-column')).toBe(false)
    expect(await visible(page, '.list-column')).toBe(true)
    expect(await visible(page, '.reader-column')).toBe(true)
    await page.getByRole('button', { name: 'Folders' }).click()
    expect(await page.getByRole('treeitem', { name: /^Inbox/ }).isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    expect(await visible(page, '.folder-column')).toBe(false)
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(600)
    await shot(page, 'screenshot-600')

    await page.setViewportSize({ width: 480, height: 760 })
    expect(await visible(page, '.list-column')).toBe(false)
    await page.getByRole('button', { name: 'Back to the list' }).click()
    expect(await visible(page, '.list-column')).toBe(true)
    expect(await visible(page, '.reader-column')).toBe(false)
    await expect
      .poll(() => page.evaluate<string | undefined>("document.activeElement?.getAttribute('role')"))
      .toBe('listbox')

    // 320 CSS px (a 1280 px window at 400%): nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 640 })
    await newsletter.click()
    await page.getByRole('button', { name: 'Back to the list' }).waitFor()
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320)
    await page.getByRole('button', { name: 'Back to the list' }).click()
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320)
    await page.setViewportSize({ width: 1400, height: 860 })
  })

  it('zooms with Ctrl + / - / 0 and remembers it', async () => {
    const { page } = app
    await page.locator('.list-column [role="listbox"]').focus()
    await page.keyboard.press('Control+=')
    await expect.poll(() => page.evaluate<string>('document.documentElement.style.zoom')).toBe('1.1')
    expect(app.services.settings.get().zoom).toBe(1.1)
    await page.reload()
    await expect.poll(() => page.evaluate<string>('document.documentElement.style.zoom')).toBe('1.1')
    await page.locator('.list-column [role="listbox"]').waitFor()
    await page.keyboard.press('Control+0')
    await expect.poll(() => page.evaluate<string>('document.documentElement.style.zoom')).toBe('')
    expect(app.services.settings.get().zoom).toBe(1)
  })

  it('prints the open message alone (the print stylesheet)', async () => {
    const { page } = app
    await page.evaluate('window.printed = 0; window.print = () => { window.printed++ }')
    await page.getByRole('option', { name: /Trailhead Outdoor · Issue 12/ }).click()
    await page.getByTestId('print').click()
    await expect.poll(() => page.evaluate<number>('window.printed')).toBe(1)
    await page.emulateMedia({ media: 'print' })
    expect(await visible(page, '.folder-column')).toBe(false)
    expect(await visible(page, '.list-column')).toBe(false)
    expect(await visible(page, '.message-toolbar')).toBe(false)
    expect(await visible(page, '.message-frame')).toBe(true)
    const frameHeight = (await page.locator('.message-frame').boundingBox())!.height
    const contentHeight = await page
      .frameLocator('iframe[title="Message content"]')
      .locator('html')
      .evaluate((html: { scrollHeight: number }) => html.scrollHeight)
    expect(Math.abs(frameHeight - contentHeight)).toBeLessThan(2)
    await page.emulateMedia({ media: 'screen' })
  })

  it('follows the OS theme, and the chosen one over it; mail made for white stays on a light card', async () => {
    const { page } = app
    await page.emulateMedia({ colorScheme: 'dark' })
    const bg = () =>
      page.evaluate<string>("getComputedStyle(document.querySelector('.list-column')).backgroundColor")
    expect(await bg()).toBe('rgb(34, 34, 38)')
    await page.getByRole('option', { name: /Trailhead Outdoor · Issue 12/ }).click()
    const frame = page.locator('iframe[title="Message content"]')
    await expect.poll(() => frame.getAttribute('class')).toBe('message-frame light-card')
    await page
      .frameLocator('iframe[title="Message content"]')
      .getByRole('img', { name: 'Trailhead Outdoor' })
      .waitFor()
    await shot(page, 'screenshot-dark')
    // The person's choice wins over the OS.
    app.services.settings.update({ theme: 'light' })
    await expect.poll(bg).toBe('rgb(255, 255, 255)')
    await expect.poll(() => frame.getAttribute('class')).toBe('message-frame')
    app.services.settings.update({ theme: 'system' })
    await expect.poll(bg).toBe('rgb(34, 34, 38)')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(bg).toBe('rgb(255, 255, 255)')
  })
})
