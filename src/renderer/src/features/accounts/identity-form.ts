import type { Identity, IdentityDraft } from '../../../../shared/model/account'
import { addressKey } from '../../../../shared/mail/addresses'
import { isValidEmailAddress } from '../../../../shared/validation'

/**
 * An account's identities as the form edits them (Thunderbird's "Manage Identities"): each a
 * name, an address and a signature; the first is the default From. `key` is for React only and
 * stays with an identity when the list changes; `id` is the saved identity's (none for a new one).
 */
export interface IdentityForm {
  key: string
  id?: string
  name: string
  address: string
  signature: string
}

let nextKey = 0
const newKey = () => `identity-${++nextKey}`

export function newIdentity(name = '', address = ''): IdentityForm {
  return { key: newKey(), name, address, signature: '' }
}

export function identityFormOf(identity: Identity): IdentityForm {
  return {
    ...newIdentity(identity.name, identity.address),
    id: identity.id,
    signature: identity.signature ?? '',
  }
}

export function identityDraftOf(form: IdentityForm): IdentityDraft {
  const draft: IdentityDraft = { name: form.name.trim(), address: form.address.trim() }
  if (form.id) draft.id = form.id
  // Whitespace-only signatures are no signature (signatureText() ignores them too).
  if (form.signature.trim()) draft.signature = form.signature
  return draft
}

/** Why the last identity cannot go: an account sends from one of its identities. */
export const LAST_IDENTITY_REASON =
  'An account needs at least one identity to send from. Add another before removing this one.'

/** The list without the identity at `index`; the last one is never removed. */
export function removeIdentity(list: readonly IdentityForm[], index: number): IdentityForm[] {
  if (list.length <= 1) return [...list]
  return list.filter((_, i) => i !== index)
}

/** The identity at `index` moved first: it becomes the From of new messages. */
export function makeDefault(list: readonly IdentityForm[], index: number): IdentityForm[] {
  const chosen = list[index]
  if (!chosen || index === 0) return [...list]
  return [chosen, ...list.filter((_, i) => i !== index)]
}

/** The form key of one identity's field, as errors name it ("identities.1.address"). */
export const identityKey = (index: number, field: 'name' | 'address' | 'signature') =>
  `identities.${index}.${field}`

/** The DOM id of one identity's input. */
export const identityInputId = (index: number, field: 'name' | 'address' | 'signature') =>
  `identity-${index}-${field}`

/** What is wrong with the identities before asking main (which checks the same and more). */
export function identityProblems(list: readonly IdentityForm[]): Record<string, string> {
  const problems: Record<string, string> = {}
  const seen = new Map<string, number>()
  list.forEach((identity, i) => {
    if (/[\r\n]/.test(identity.name)) problems[identityKey(i, 'name')] = 'A name cannot contain line breaks.'
    const address = identity.address.trim()
    if (!isValidEmailAddress(address)) {
      problems[identityKey(i, 'address')] = 'Enter an address like name@example.com.'
      return
    }
    const earlier = seen.get(addressKey(address))
    if (earlier !== undefined) {
      problems[identityKey(i, 'address')] = `Identity ${earlier + 1} already uses this address.`
    } else {
      seen.set(addressKey(address), i)
    }
  })
  return problems
}
