/**
 * Organizing mail in Chromium against the real core and Dovecot: three messages selected with
 * Shift-click are moved with `v` and the folder picker, and the server ends with them in the
 * chosen folder and the rest in the Inbox (UID by UID as Dovecot reports them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../servers/mail-env'
import type { AppUnderTest } from './harness'
import { startWithFourMessages, subjectsIn, until, type FourMessages } from './four-messages'

describe('bulk move', () => {
  let fixture: FourMessages
  let app: AppUnderTest
  let user: TestUser
  beforeAll(async () => {
    fixture = await startWithFourMessages('Bulk')
    ;({ app, user } = fixture)
  })
  afterAll(async () => {
    await fixture?.close()
  })

  it('moves three messages selected with Shift to a folder picked with v, on the server', async () => {
    const { page } = app
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' })
    await list.getByRole('option', { name: /Bulk one/ }).waitFor({ timeout: 60_000 })
    await page.getByRole('treeitem', { name: 'Projects' }).waitFor()

    await list.getByRole('option', { name: /Bulk four/ }).click()
    await page.getByRole('heading', { name: 'Bulk four' }).waitFor()
    await list.getByRole('option', { name: /Bulk two/ }).click({ modifiers: ['Shift'] })
    await page.getByRole('heading', { name: '3 messages selected' }).waitFor()

    await page.keyboard.press('v')
    const picker = page.getByRole('dialog', { name: 'Move to…' })
    await picker.waitFor()
    await page.keyboard.type('proj')
    expect(await picker.getByRole('option').allTextContents()).toEqual(['Projects'])
    await page.keyboard.press('Enter')

    // The list shows the change at once; the server has it once the queue has run.
    await page.getByRole('heading', { name: '3 messages selected' }).waitFor({ state: 'detached' })
    await list.getByRole('option', { name: /Bulk two/ }).waitFor({ state: 'detached' })
    expect(await list.getByRole('option').count()).toBe(1)
    const moved = await until('the move on the server', async () => {
      const inProjects = await subjectsIn(user, 'Projects')
      return inProjects.length === 3 ? inProjects : undefined
    })
    expect(moved).toEqual(['Bulk four', 'Bulk three', 'Bulk two'])
    expect(await subjectsIn(user, 'INBOX')).toEqual(['Bulk one'])
    expect(app.pageErrors).toEqual([])
  })
})
