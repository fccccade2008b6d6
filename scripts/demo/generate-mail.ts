/**
 * Generates the demo mailbox: a few hundred realistic messages (work threads with replies,
 * personal notes in nine languages, HTML newsletters with inline and remote images, statements
 * with PDF attachments, invitations, forwarded messages, CI notifications, spam), built as real
 * RFC 5322 messages with nodemailer's MailComposer. Deterministic: the same `now` and seed give
 * the same messages.
 */
import MailComposer from 'nodemailer/lib/mail-composer'
import type { Options } from 'nodemailer/lib/mailer'
import { calendar, csv, newsletterHtml, pdf, png, prng } from './content'
import { ME, NOTES, PEOPLE, SENDERS, type Person } from './people'
import { THREADS } from './threads'

export interface DemoMessage {
  folder: string
  flags: string[]
  date: Date
  raw: Buffer
}

/** Folders the demo creates besides the special-use ones Dovecot makes itself. */
export const DEMO_FOLDERS = ['Projects', 'Projects/Website', 'Newsletters', 'Receipts'] as const

interface Spec {
  folder: string
  flags: string[]
  mail: Options
}

const DAY = 86_400_000
const addr = (p: Person) => ({ name: p.name, address: p.address })

export async function generateDemoMailbox(now: Date, seed = 20_240_601): Promise<DemoMessage[]> {
  const rnd = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!
  // Times of day between 07:00 and 22:00, days back from `now`.
  const at = (daysAgo: number) => {
    const d = new Date(now.getTime() - daysAgo * DAY)
    d.setUTCHours(7 + Math.floor(rnd() * 15), Math.floor(rnd() * 60), Math.floor(rnd() * 60), 0)
    return d.getTime() > now.getTime() ? new Date(now.getTime() - 60_000 * (1 + Math.floor(rnd() * 90))) : d
  }
  let n = 0
  const id = () => `<demo-${++n}@mailroom.test>`
  const specs: Spec[] = []
  const add = (folder: string, flags: string[], mail: Options) => specs.push({ folder, flags, mail })

  // Work threads: a colleague starts, replies alternate; the demo user's replies are in Sent.
  THREADS.forEach(([subject, bodies, folder], t) => {
    const people = [PEOPLE[t % 2 === 0 ? 0 : 10]!, PEOPLE[t % 3 === 0 ? 1 : 11]!]
    let day = 2 + Math.floor(rnd() * 100)
    const refs: string[] = []
    bodies.forEach((body, i) => {
      const fromMe = i % 2 === 1
      const from = fromMe ? ME : people[(i / 2) % 2]!
      const messageId = id()
      add(fromMe ? 'Sent' : (folder ?? 'INBOX'), fromMe || day > 3 ? ['\\Seen'] : [], {
        from: addr(from),
        to: fromMe ? people.map(addr) : [addr(ME)],
        cc: i === 0 ? [addr(PEOPLE[1]!)] : undefined,
        subject: i === 0 ? subject : `Re: ${subject}`,
        text: `${body}\n\n-- \n${from.name}`,
        messageId,
        inReplyTo: refs[refs.length - 1],
        references: [...refs],
        date: at(day),
      })
      refs.push(messageId)
      day = Math.max(0, day - 1 - Math.floor(rnd() * 3))
    })
  })

  // Personal notes in many languages, some answered.
  PEOPLE.forEach((person) => {
    for (const [subject, text] of NOTES[person.lang]) {
      const day = Math.floor(rnd() * 90)
      const messageId = id()
      const answered = rnd() < 0.4
      add('INBOX', day < 2 ? [] : ['\\Seen', ...(answered ? ['\\Answered'] : [])], {
        from: addr(person),
        to: [addr(ME)],
        subject,
        text,
        messageId,
        date: at(day),
      })
      if (answered && day >= 1) {
        add('Sent', ['\\Seen'], {
          from: addr(ME),
          to: [addr(person)],
          subject: `Re: ${subject}`,
          text: `Thank you!\n\nOn an earlier day, ${person.name} wrote:\n> ${text.split('\n').join('\n> ')}`,
          messageId: id(),
          inReplyTo: messageId,
          references: [messageId],
          date: at(day - 1),
        })
      }
    }
  })

  // Newsletters: HTML with a cid: logo and remote images (blocked until the reader allows them).
  const letters = [
    [
      SENDERS.library,
      '#7a3b12',
      'cdn.rivertown-library.test',
      ['New this week', 'Story time', 'Opening hours'],
    ],
    [
      SENDERS.outdoor,
      '#1f6f43',
      'images.trailhead-shop.test',
      ['Autumn sale', 'Trail of the month', 'Gear care'],
    ],
  ] as const
  letters.forEach(([sender, colour, remoteHost, topics], l) => {
    for (let issue = 1; issue <= 12; issue++) {
      const day = (12 - issue) * 7 + l * 2
      add(issue > 9 ? 'INBOX' : 'Newsletters', issue === 12 ? [] : ['\\Seen'], {
        from: addr(sender),
        to: [addr(ME)],
        subject: `${sender.name} · Issue ${issue}: ${pick(topics)}`,
        html: newsletterHtml({
          brand: sender.name,
          colour,
          remoteHost,
          issue,
          headline: `${pick(topics)} and more`,
          items: topics.map(
            (t) => [t, `Everything about ${t.toLowerCase()} in issue ${issue}.`] as [string, string],
          ),
        }),
        attachments: [
          {
            filename: 'logo.png',
            content: png(48, l === 0 ? [122, 59, 18] : [31, 111, 67]),
            cid: 'logo@demo',
          },
        ],
        messageId: id(),
        date: at(day),
      })
    }
  })

  // Monthly statements with a PDF, booking confirmations with a calendar invitation.
  for (let m = 0; m < 4; m++) {
    const month = new Date(now.getTime() - (m * 30 + 3) * DAY).toLocaleString('en', {
      month: 'long',
      year: 'numeric',
    })
    add('Receipts', ['\\Seen'], {
      from: addr(SENDERS.bank),
      to: [addr(ME)],
      subject: `Your statement for ${month}`,
      text: `Your statement for ${month} is attached.\n\nHarbor Bank will never ask for your password by email.`,
      attachments: [
        {
          filename: `statement-${m + 1}.pdf`,
          content: pdf([
            'Harbor Bank',
            `Statement for ${month}`,
            `Closing balance: ${(1234.56 + m * 87.1).toFixed(2)} EUR`,
          ]),
        },
        {
          filename: `transactions-${m + 1}.csv`,
          content: csv([
            ['date', 'description', 'amount'],
            ['01', 'Groceries', -54.2],
            ['03', 'Salary, "October"', 2500],
            ['09', 'Books', -23.9],
          ]),
        },
      ],
      messageId: id(),
      date: at(m * 30 + 3),
    })
  }
  const flight = at(1)
  add('INBOX', ['\\Flagged'], {
    from: addr(SENDERS.airline),
    to: [addr(ME)],
    subject: 'Booking confirmed: Lisbon, 14:35 — reference QX7P2L',
    html: `<h2 style="color:#0b4f8a">Your trip to Lisbon</h2><table cellpadding="6" style="border-collapse:collapse">
<tr><td><b>Flight</b></td><td>SK 1432</td></tr><tr><td><b>Departure</b></td><td>${new Date(flight.getTime() + 9 * DAY).toUTCString()}</td></tr>
<tr><td><b>Seat</b></td><td>14A</td></tr></table><p>Manage your booking at <a href="https://skylark-air.test/manage/QX7P2L">skylark-air.test</a>.</p>`,
    attachments: [
      {
        filename: 'flight.ics',
        content: calendar(
          'QX7P2L@skylark-air.test',
          'Flight SK 1432 to Lisbon',
          new Date(flight.getTime() + 9 * DAY),
          3,
        ),
        contentType: 'text/calendar',
      },
    ],
    messageId: id(),
    date: flight,
  })

  // CI notifications: the bulk of a real inbox.
  for (let i = 0; i < 150; i++) {
    const build = 4100 + i
    const ok = rnd() > 0.2
    add('INBOX', i < 144 ? ['\\Seen'] : [], {
      from: addr(SENDERS.git),
      to: [addr(ME)],
      subject: `[northwind/web] Build #${build} ${ok ? 'passed' : 'failed'} on ${pick(['main', 'release-2.4', 'feature/search'])}`,
      text: `Build #${build} ${ok ? 'passed' : 'FAILED'} in ${2 + Math.floor(rnd() * 9)} min ${Math.floor(rnd() * 60)} s.\n\nDetails: https://forge.test/northwind/web/builds/${build}`,
      messageId: id(),
      date: at(Math.floor((150 - i) * 0.7)),
    })
  }

  // Spam with a deceptive link, which the reader marks.
  for (let i = 0; i < 5; i++) {
    add('Junk', [], {
      from: addr(SENDERS.spam),
      to: [addr(ME)],
      subject: `You have won ${1000 * (i + 1)} EUR! Claim now`,
      html: `<p>Dear customer, claim your prize at <a href="https://lucky-prize.test/claim?id=${i}">https://www.harborbank.test/secure</a>.</p>`,
      messageId: id(),
      date: at(i * 9 + 4),
    })
  }

  // Drafts, and a forwarded message (message/rfc822) built from a note above.
  add('Drafts', ['\\Seen', '\\Draft'], {
    from: addr(ME),
    to: [addr(PEOPLE[3]!)],
    subject: 'Re: Réunion de lundi',
    text: 'Bonjour Jean,\n\noui, je serai là à 14 h.',
    messageId: id(),
    date: at(0),
  })
  const forwarded = specs.find((s) => s.mail.subject === NOTES.ja[1]![0])!
  const original = await new MailComposer({ ...forwarded.mail, baseBoundary: 'demo-fwd' }).compile().build()
  add('INBOX', ['\\Seen'], {
    from: addr(PEOPLE[2]!),
    to: [addr(ME)],
    subject: 'Fwd: an older message for you',
    text: 'See the forwarded message below.',
    attachments: [
      {
        filename: 'forwarded.eml',
        content: original,
        contentType: 'message/rfc822',
        contentDisposition: 'attachment',
      },
    ],
    messageId: id(),
    date: at(6),
  })

  // What the demo user has dealt with long ago is archived.
  for (const s of specs) {
    const old = now.getTime() - (s.mail.date as Date).getTime() > 75 * DAY
    if (s.folder === 'INBOX' && old && s.flags.includes('\\Seen')) s.folder = 'Archive'
  }

  return Promise.all(
    specs.map(async (s, i) => ({
      folder: s.folder,
      flags: s.flags,
      date: s.mail.date as Date,
      raw: await new MailComposer({ ...s.mail, baseBoundary: `demo-${i}` }).compile().build(),
    })),
  )
}
