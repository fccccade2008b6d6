/**
 * The person at the system browser, for OAuth 2.0 sign-in tests: Debian's Chromium (playwright-core)
 * opens the authorization URL the app hands to OpenExternal, the "person" types the user name and
 * password into the provider's own login page, grants (or declines) on its consent page, and the
 * provider redirects to the app's loopback listener. Requests that do not go to 127.0.0.1 are
 * blocked: the provider's development pages load web fonts from the internet, which this machine
 * cannot reach (and a test must not).
 */
import type { Browser, Page } from 'playwright-core'
import type { OpenExternal } from '../../../src/main/core/auth/sign-in'
import { launchChromium } from '../../e2e/browser'

export interface PersonOptions {
  user: string
  password?: string
  /** 'decline' presses the consent page's Cancel. */
  consent?: 'grant' | 'decline'
  /** Changes the URL before the browser opens it (a tampered request). */
  tamper?: (url: URL) => void
}

export interface BrowserVisit {
  /** The headings of the provider's pages seen, in order ("Sign-in", "Authorize"). */
  pages: string[]
  /** The URL the provider redirected the browser to (the loopback answer, with the code). */
  redirectedTo?: string
}

export class SignInBrowser {
  readonly visits: BrowserVisit[] = []
  private constructor(private readonly browser: Browser) {}

  static async start(): Promise<SignInBrowser> {
    return new SignInBrowser(await launchChromium())
  }

  /** An OpenExternal that plays the person: each call is a fresh browser profile (no session). */
  person(options: PersonOptions): OpenExternal {
    return async (url) => {
      const target = new URL(url)
      options.tamper?.(target)
      const redirectUri = target.searchParams.get('redirect_uri') ?? ''
      const visit: BrowserVisit = { pages: [] }
      this.visits.push(visit)
      const context = await this.browser.newContext()
      try {
        const page = await context.newPage()
        await page.route('**/*', (route) =>
          new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
        )
        const reachedApp = page.waitForURL((u) => u.href.startsWith(redirectUri), {
          waitUntil: 'domcontentloaded',
        })
        await page.goto(target.href, { waitUntil: 'domcontentloaded' })
        visit.pages.push(await heading(page))
        await page.fill('input[name=login]', options.user)
        await page.fill('input[name=password]', options.password ?? 'any')
        await submitAndWait(page, () => page.click('button[type=submit]'))
        if (!page.url().startsWith(redirectUri)) {
          visit.pages.push(await heading(page))
          if (options.consent === 'decline') await submitAndWait(page, () => page.click('a[href*="/abort"]'))
          else await submitAndWait(page, () => page.click('button[type=submit]'))
        }
        await reachedApp
        visit.redirectedTo = page.url()
      } finally {
        await context.close()
      }
    }
  }

  async close(): Promise<void> {
    await this.browser.close()
  }
}

async function heading(page: Page): Promise<string> {
  return ((await page.textContent('h1')) ?? '').trim()
}

async function submitAndWait(page: Page, act: () => Promise<void>): Promise<void> {
  const before = page.url()
  await Promise.all([page.waitForURL((u) => u.href !== before, { waitUntil: 'domcontentloaded' }), act()])
}
