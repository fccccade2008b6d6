import { ESLint, type Linter } from 'eslint'
import { fileURLToPath } from 'node:url'
import tseslint from 'typescript-eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
// Through a variable: the config is plain JavaScript without type declarations.
const layersFile = '../../../eslint.core-layers.mjs'

interface Layers {
  coreLayerBlocks(base: { paths: unknown[]; patterns: unknown[] }): Linter.Config[]
}

/** The layer rules alone, without type information: what `npm run lint` applies to core's files. */
async function lintAs(filePath: string, code: string): Promise<string[]> {
  const { coreLayerBlocks } = (await import(layersFile)) as Layers
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...coreLayerBlocks({ paths: [], patterns: [] }),
    ],
  })
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
}

const imports = (...specs: string[]) => specs.map((s, i) => `import type * as m${i} from '${s}'\n`).join('')

describe('the layers of core (eslint.core-layers.mjs)', () => {
  it('lets the store import only itself, src/shared and the event bus', async () => {
    const ok = imports('./database', '../events', '../../../shared/errors')
    expect(await lintAs('src/main/core/store/x.ts', ok)).toEqual([])
    const wrong = await lintAs(
      'src/main/core/store/x.ts',
      imports('../imap/account-sync', '../mail/mail-service'),
    )
    expect(wrong).toHaveLength(2)
    expect(wrong[0]).toMatch(/core\/store may import only/)
    expect(await lintAs('src/main/core/store/x.ts', imports('imapflow'))).toHaveLength(1)
  })

  it('keeps the protocols apart and above the store', async () => {
    expect(await lintAs('src/main/core/imap/x.ts', imports('../store/mail-store', '../net/tls'))).toEqual([])
    expect(await lintAs('src/main/core/imap/x.ts', imports('../pop3/pop3-client'))).toHaveLength(1)
    expect(await lintAs('src/main/core/smtp/x.ts', imports('../imap/imap-errors'))).toHaveLength(1)
    expect(await lintAs('src/main/core/pop3/x.ts', imports('../mail/mail-service'))).toHaveLength(1)
  })

  it('reaches accounts only through its port, and lets only verify/ talk to servers', async () => {
    expect(await lintAs('src/main/core/imap/x.ts', imports('../accounts/account-source'))).toEqual([])
    expect(await lintAs('src/main/core/imap/x.ts', imports('../accounts/accounts-service'))).toHaveLength(1)
    expect(await lintAs('src/main/core/accounts/verify/x.ts', imports('../../imap/imap-errors'))).toEqual([])
    expect(await lintAs('src/main/core/accounts/x.ts', imports('../imap/imap-errors'))).toHaveLength(1)
  })

  it("keeps src/main's wiring out of core", async () => {
    expect(await lintAs('src/main/core/mail/x.ts', imports('../../services'))).toHaveLength(1)
    expect(await lintAs('src/main/core/net/probe/x.ts', imports('../../../ipc/register'))).toHaveLength(1)
    expect(await lintAs('src/main/core/events.ts', imports('./mail/mail-service'))).toHaveLength(1)
  })
})
