import type {
  Account,
  AccountDraft,
  AuthMethod,
  CertificatePin,
  IncomingProtocol,
  OAuthAccountAuth,
  Pop3Options,
  Security,
} from '../../../../shared/model/account'
import { DEFAULT_POP3_OPTIONS } from '../../../../shared/model/account'
import type { DiscoveryResult } from '../../../../shared/model/discovery'
import { isValidEmailAddress, isValidHostname, splitAddress } from '../../../../shared/validation'
import {
  identityDraftOf,
  identityFormOf,
  identityProblems,
  newIdentity,
  type IdentityForm,
} from './identity-form'

/** One server as the form edits it (the port is text while typing). */
export interface ServerForm {
  host: string
  port: string
  security: Security
  username: string
  authMethod: AuthMethod
}

/** Everything the account form edits. Field keys double as the names errors point at. */
export interface AccountForm {
  address: string
  displayName: string
  password: string
  separateOutgoingPassword: boolean
  outgoingPassword: string
  incoming: ServerForm & { protocol: IncomingProtocol }
  outgoing: ServerForm
  pins: CertificatePin[]
  /** The account's own certificate authority (PEM), '' for none. */
  trustedCa: string
  /** Used when the incoming protocol is POP3. */
  pop3: Pop3Options
  /** At least one; the first is the default From. */
  identities: IdentityForm[]
  /** OAuth 2.0 instead of passwords (kept as the account has it; the wizard sets it on sign-in). */
  auth?: OAuthAccountAuth
  /** A new OAuth account's finished sign-in (main holds its tokens): added with it, no password. */
  signInId?: string
}

export const DEFAULT_PORTS: Record<IncomingProtocol | 'smtp', Record<Security, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  pop3: { tls: 995, starttls: 110, none: 110 },
  smtp: { tls: 465, starttls: 587, none: 587 },
}

/** A new form from the first step of the wizard; servers empty until found or typed. */
export function newForm(name: string, address: string, password: string): AccountForm {
  const server = { host: '', security: 'tls' as const, username: address, authMethod: 'auto' as const }
  return {
    address,
    displayName: address,
    password,
    separateOutgoingPassword: false,
    outgoingPassword: '',
    incoming: { ...server, protocol: 'imap', port: String(DEFAULT_PORTS.imap.tls) },
    outgoing: { ...server, port: String(DEFAULT_PORTS.smtp.tls) },
    pins: [],
    trustedCa: '',
    pop3: { ...DEFAULT_POP3_OPTIONS },
    identities: [newIdentity(name, address)],
  }
}

/** Manual setup starts from likely names, which the person corrects. */
export function manualForm(name: string, address: string, password: string): AccountForm {
  const form = newForm(name, address, password)
  const domain = isValidEmailAddress(address) ? splitAddress(address).domain : ''
  if (domain) {
    form.incoming.host = `imap.${domain}`
    form.outgoing.host = `smtp.${domain}`
  }
  return form
}

export function applyDiscovery(form: AccountForm, result: DiscoveryResult): AccountForm {
  const next = { ...form }
  if (result.incoming) {
    const s = result.incoming.settings
    next.incoming = { ...s, port: String(s.port) }
  }
  if (result.outgoing) {
    const s = result.outgoing.settings
    next.outgoing = { ...s, port: String(s.port) }
  }
  return next
}

export function formFromAccount(account: Account): AccountForm {
  return {
    address: account.address,
    displayName: account.displayName,
    password: '',
    separateOutgoingPassword: false,
    outgoingPassword: '',
    incoming: { ...account.incoming, port: String(account.incoming.port) },
    outgoing: { ...account.outgoing, port: String(account.outgoing.port) },
    pins: account.pins,
    trustedCa: account.trustedCa ?? '',
    pop3: { ...DEFAULT_POP3_OPTIONS, ...account.pop3 },
    identities: account.identities.map(identityFormOf),
    ...(account.auth ? { auth: account.auth } : {}),
  }
}

export function toDraft(form: AccountForm): AccountDraft {
  return {
    displayName: form.displayName.trim() || form.address.trim(),
    address: form.address.trim(),
    incoming: { ...form.incoming, host: form.incoming.host.trim(), port: Number(form.incoming.port) },
    outgoing: { ...form.outgoing, host: form.outgoing.host.trim(), port: Number(form.outgoing.port) },
    identities: form.identities.map(identityDraftOf),
    pins: form.pins.map(({ host, port, fingerprint, allowNameMismatch }) => ({
      host,
      port,
      fingerprint,
      ...(allowNameMismatch === true ? { allowNameMismatch } : {}),
    })),
    ...(form.incoming.protocol === 'pop3' ? { pop3: form.pop3 } : {}),
    ...(form.trustedCa.trim() ? { trustedCa: form.trustedCa.trim() } : {}),
    ...(form.auth ? { auth: form.auth } : {}),
  }
}

/** What a new account proves itself with: its sign-in (OAuth), or its passwords. */
export function toCredentials(
  form: AccountForm,
): { signInId: string } | { incoming: string; outgoing?: string } {
  return form.signInId ? { signInId: form.signInId } : toPasswords(form)
}

export function toPasswords(form: AccountForm): { incoming: string; outgoing?: string } {
  return form.separateOutgoingPassword
    ? { incoming: form.password, outgoing: form.outgoingPassword }
    : { incoming: form.password }
}

export type Problems = Partial<Record<string, string>>

/** What is wrong before asking main (which checks again): field key → words. */
export function formProblems(form: AccountForm, passwordRequired: boolean): Problems {
  const problems: Problems = {}
  if (!isValidEmailAddress(form.address.trim()))
    problems['address'] = 'Enter an address like name@example.com.'
  if (passwordRequired && form.password.length === 0) problems['password'] = 'Enter your password.'
  if (form.separateOutgoingPassword && passwordRequired && form.outgoingPassword.length === 0) {
    problems['outgoingPassword'] = 'Enter the outgoing server’s password.'
  }
  for (const role of ['incoming', 'outgoing'] as const) {
    const server = form[role]
    if (!isValidHostname(server.host.trim())) problems[`${role}.host`] = 'Enter a server name without spaces.'
    const port = Number(server.port)
    if (!/^\d+$/.test(server.port) || port < 1 || port > 65535) {
      problems[`${role}.port`] = 'Enter a port between 1 and 65535.'
    }
    if (server.username.trim().length === 0) problems[`${role}.username`] = 'Enter the user name.'
  }
  if (form.incoming.protocol === 'pop3') {
    const { checkEveryMinutes: every, deleteAfterDays: days } = form.pop3
    if (!Number.isInteger(every) || every < 1 || every > 1440) {
      problems['pop3.checkEveryMinutes'] = 'Enter a number of minutes between 1 and 1440.'
    }
    if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) {
      problems['pop3.deleteAfterDays'] = 'Enter a number of days between 1 and 3650.'
    }
  }
  Object.assign(problems, identityProblems(form.identities))
  return problems
}

/** The default identity's name (what the wizard asks first). */
export const defaultName = (form: AccountForm): string => form.identities[0]?.name ?? ''

/** The form with the default identity's name set. */
export function withDefaultName(form: AccountForm, name: string): AccountForm {
  const [first, ...rest] = form.identities
  return { ...form, identities: [{ ...(first ?? newIdentity()), name }, ...rest] }
}

/**
 * The form with a new account address. The default identity follows the address while it was
 * the same (as it is when the person has not given it another), so the wizard needs no second
 * address field.
 */
export function withAddress(form: AccountForm, address: string): AccountForm {
  const [first, ...rest] = form.identities
  const follows = first && first.address.trim() === form.address.trim()
  return { ...form, address, identities: follows ? [{ ...first, address }, ...rest] : form.identities }
}

/** Maps a field main named (draft.incoming.port, passwords.incoming) to the form's key. */
export function formFieldOf(field: string | undefined): string | undefined {
  if (!field) return undefined
  if (field === 'passwords.incoming') return 'password'
  if (field === 'passwords.outgoing') return 'outgoingPassword'
  // draft.identities.1.address → identities.1.address; draft.identities (the list) → identities.
  return field.replace(/^draft\./, '')
}
