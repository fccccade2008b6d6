/**
 * The fixture of the organizing e2e tests (bulk-move, drag-move): four messages delivered one after
 * another to a new user's Inbox, a "Projects" folder on the server, and the app with that account.
 */
import { envelopesIn, imapClient, knownUser } from '../integration/helpers/sending'
import { testCa, type TestUser } from '../servers/mail-env'
import { startApp, type AppUnderTest } from './harness'
import { addImapAccount, deliverOverSmtp, waitForInbox } from './reader-helpers'

export interface FourMessages {
  app: AppUnderTest
  user: TestUser
  close(): Promise<void>
}

/** Subjects "<word> one" … "<word> four"; the list shows them newest first (four … one). */
export const fourSubjects = (word: string): string[] =>
  ['one', 'two', 'three', 'four'].map((n) => `${word} ${n}`)

export async function startWithFourMessages(word: string): Promise<FourMessages> {
  const id = word.toLowerCase()
  const user = await knownUser(`${id}-e2e`)
  const subjects = fourSubjects(word)
  for (const [i, subject] of subjects.entries()) {
    await deliverOverSmtp(user, { from: 'Ann <ann@example.test>', subject, text: subject })
    await waitForInbox(user, i + 1)
    // Whole seconds apart: the list orders by the Date header.
    await new Promise((r) => setTimeout(r, 1100))
  }
  const client = imapClient(user)
  await client.connect()
  await client.mailboxCreate('Projects')
  await client.logout()
  const app = await startApp({ extraCa: [testCa()] })
  const accountId = `acc-${id}`
  await addImapAccount(app, user, accountId, word)
  return {
    app,
    user,
    async close() {
      await app.services.secrets.delete(`account:${accountId}:incoming`)
      await app.services.secrets.delete(`account:${accountId}:outgoing`)
      await app.close()
    },
  }
}

export async function subjectsIn(user: TestUser, mailbox: string): Promise<string[]> {
  return (await envelopesIn(user, mailbox)).map((e) => e.subject).sort()
}

/** Polls until `probe` answers (the server applies queued actions a moment later). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`timed out waiting for ${what}`)
}
