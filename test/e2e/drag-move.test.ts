/**
 * Drag and drop in Chromium against the real core and Dovecot: three messages selected with
 * Shift-click are dragged onto a folder of the tree, and the server ends with them in that folder
 * and the rest in the Inbox (issue 15 item 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../servers/mail-env'
import type { AppUnderTest } from './harness'
import { startWithFourMessages, subjectsIn, until, type FourMessages } from './four-messages'

describe('drag and drop', () => {
  let fixture: FourMessages
  let app: AppUnderTest
  let user: TestUser
  beforeAll(async () => {
    fixture = await startWithFourMessages('Drag')
    ;({ app, user } = fixture)
  })
  afterAll(async () => {
    await fixture?.close()
  })

  it('moves three messages selected with Shift and dragged onto a folder, on the server', async () => {
    const { page } = app
    const list = page.getByRole('listbox', { name: 'Messages in Inbox' })
    await list.getByRole('option', { name: /Drag one/ }).waitFor({ timeout: 60_000 })
    const projects = page.getByRole('treeitem', { name: 'Projects' })
    await projects.waitFor()

    await list.getByRole('option', { name: /Drag four/ }).click()
    await page.getByRole('heading', { name: 'Drag four' }).waitFor()
    await list.getByRole('option', { name: /Drag two/ }).click({ modifiers: ['Shift'] })
    await page.getByRole('heading', { name: '3 messages selected' }).waitFor()

    // Chromium's own HTML drag and drop, from a selected row onto the folder.
    await list.getByRole('option', { name: /Drag three/ }).dragTo(projects)

    await list.getByRole('option', { name: /Drag two/ }).waitFor({ state: 'detached' })
    expect(await list.getByRole('option').count()).toBe(1)
    expect(await projects.getAttribute('class')).not.toContain('drop-target')
    const moved = await until('the move on the server', async () => {
      const inProjects = await subjectsIn(user, 'Projects')
      return inProjects.length === 3 ? inProjects : undefined
    })
    expect(moved).toEqual(['Drag four', 'Drag three', 'Drag two'])
    expect(await subjectsIn(user, 'INBOX')).toEqual(['Drag one'])
    expect(app.pageErrors).toEqual([])
  })
})
