// @ts-check
// The layers of src/main/core (docs/architecture.md, "The map"), enforced by lint so that a wrong
// import fails `npm run check`. Each folder (or file) of core names the core folders it may import
// besides itself and src/shared; everything else is refused. A new folder of core must be entered
// here, or linting fails: the layer of a new part is a decision, not an accident.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** @type {Record<string, { allow: string[], why: string }>} */
export const CORE_LAYERS = {
  // Foundations: pure helpers and the platform's primitives.
  events: { allow: [], why: 'the typed event bus' },
  'single-flight': { allow: [], why: 'a helper' },
  net: { allow: [], why: 'sockets and TLS' },
  sasl: { allow: [], why: 'SASL mechanisms' },
  secrets: { allow: [], why: 'the keychain' },
  'app-info': { allow: ['secrets'], why: 'facts about the app' },
  // The store depends on nothing above it: the protocols and features build on it, never the reverse.
  store: { allow: ['events'], why: 'SQLite: schema, migrations, repositories' },
  // MIME builds the store's header rows (types only), and nothing of the protocols.
  mime: { allow: ['store'], why: 'parsing and building messages' },
  auth: { allow: ['net', 'secrets'], why: 'OAuth' },
  // auth: the provider presets, to mark a discovered account as OAuth (Gmail, Microsoft 365...).
  autoconfig: { allow: ['auth', 'net'], why: 'server discovery' },
  // Delivery status (RFC 3461 requests, RFC 3464 reports, bounces): read by SMTP and the outbox.
  delivery: { allow: ['store'], why: 'delivery status notifications' },
  // Who really sent a message (RFC 8601 Authentication-Results, mailauth): reads stored mail.
  'sender-auth': { allow: ['mime', 'store'], why: 'sender authenticity and spoofing warnings' },
  // Protocols: each talks to one kind of server and writes through the store; none imports another.
  imap: { allow: ['accounts', 'events', 'mime', 'net', 'sasl', 'store'], why: 'a protocol' },
  pop3: { allow: ['accounts', 'events', 'mime', 'net', 'sasl', 'store'], why: 'a protocol' },
  smtp: { allow: ['delivery', 'events', 'mime', 'net', 'sasl', 'store'], why: 'a protocol' },
  // Accounts: settings and secrets; only verify/ talks to servers (see ACCOUNTS_VERIFY).
  // sasl: the login secret (a password or an OAuth bearer token) accounts hand to the protocols.
  accounts: { allow: ['auth', 'autoconfig', 'events', 'net', 'sasl', 'secrets', 'store'], why: 'accounts' },
  // Features: they use the protocols and the store, and are used only by src/main's wiring.
  compose: {
    allow: ['accounts', 'drafts', 'events', 'mime', 'net', 'outbox', 'single-flight', 'smtp', 'store'],
    why: 'writing mail',
  },
  drafts: { allow: ['accounts', 'compose', 'events', 'imap', 'mime', 'net', 'store'], why: 'drafts' },
  outbox: {
    allow: ['accounts', 'compose', 'delivery', 'drafts', 'events', 'imap', 'mime', 'net', 'smtp', 'store'],
    why: 'sending',
  },
  mail: {
    allow: ['accounts', 'compose', 'events', 'imap', 'mime', 'net', 'pop3', 'store'],
    why: 'the mail service',
  },
  search: { allow: ['events', 'mail', 'mime', 'store'], why: 'the search index' },
  // The Settings page's preferences: its own table, announced on the bus.
  settings: { allow: ['events', 'store'], why: 'preferences' },
}

/** accounts/verify/ checks settings against real servers, so it may use the protocol clients. */
const ACCOUNTS_VERIFY = [...CORE_LAYERS.accounts.allow, 'imap', 'pop3', 'smtp']

/** Libraries that belong to one layer: the store speaks SQL, not a mail protocol. */
const STORE_LIBS = {
  regex: '^(imapflow|nodemailer|mailparser|libmime|keytar)(/|$)',
  message: 'core/store speaks SQL only: protocol and keychain libraries belong above it.',
}

const coreDir = join(dirname(fileURLToPath(import.meta.url)), 'src/main/core')
const present = readdirSync(coreDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() || (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')))
  .map((e) => e.name.replace(/\.ts$/, ''))
const unplaced = present.filter((name) => !(name in CORE_LAYERS))
if (unplaced.length > 0) {
  throw new Error(`eslint.core-layers.mjs: give src/main/core/${unplaced.join(', ')} a layer in CORE_LAYERS`)
}

/**
 * The import patterns that keep a file at `depth` folders below src/main/core (0: core's own files,
 * 1: core/x/*.ts, 2: core/x/y/*.ts) inside its layer. Relative paths are exact at a known depth:
 * `depth` steps up reach core, one more src/main, two more src.
 */
function layerPatterns(self, allow, depth) {
  const up = (n) => (n === 0 ? '\\./' : `(\\.\\./){${n}}`)
  const names = [...allow, self].join('|')
  const patterns = [
    {
      regex: `^${up(depth)}(?!(${names})(/|$))[\\w-]`,
      message: `core/${self} may import only src/shared, itself and core/{${allow.join(', ')}} (eslint.core-layers.mjs).`,
    },
    {
      regex: `^${up(depth + 1)}(?!\\.\\./)`,
      message: "core never imports src/main's wiring (services, ipc, api, platform): they import core.",
    },
    { regex: `^${up(depth + 2)}(?!shared/)`, message: 'core imports only src/shared outside src/main.' },
  ]
  if (self !== 'accounts') {
    patterns.push({
      regex: `^${up(depth)}accounts/(?!account-source$)`,
      message: 'Outside accounts, only its port accounts/account-source.ts is imported.',
    })
  }
  if (self === 'store') patterns.push(STORE_LIBS)
  return patterns
}

/**
 * Flat-config blocks, one per folder and depth. `base` is the rule's patterns every core file has
 * (no electron, renderer, preload or platform): a later block replaces the rule's options, so each
 * block repeats them. Tests are left to the general core block: a test may reach across layers to
 * assert behaviour that spans them (the store's error test feeds it the protocols' errors).
 */
export function coreLayerBlocks({ paths, patterns: base }) {
  const block = (files, self, allow, depth) => ({
    files,
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths, patterns: [...base, ...layerPatterns(self, allow, depth)] },
      ],
    },
  })
  return Object.entries(CORE_LAYERS).flatMap(([name, { allow }]) => [
    block([`src/main/core/${name}.ts`], name, allow, 0),
    block([`src/main/core/${name}/*.ts`], name, allow, 1),
    block([`src/main/core/${name}/*/*.ts`], name, name === 'accounts' ? ACCOUNTS_VERIFY : allow, 2),
  ])
}
