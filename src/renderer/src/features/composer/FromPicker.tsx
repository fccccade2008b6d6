import type { Account } from '../../../../shared/model/account'

/** The value of one identity in the From menu: account id and identity id. */
export const fromKey = (accountId: string, identityId: string) => `${accountId}/${identityId}`

/**
 * The From menu: every identity of every account, grouped by account (as Thunderbird lists
 * them), so two accounts' identities with the same address can be told apart. A draft whose
 * identity was removed meanwhile shows that, rather than silently showing another one.
 */
export function FromPicker(props: {
  accounts: readonly Account[]
  accountId: string
  identityId: string
  onChange: (key: string) => void
}) {
  const value = fromKey(props.accountId, props.identityId)
  const known = props.accounts.some(
    (a) => a.id === props.accountId && a.identities.some((i) => i.id === props.identityId),
  )
  return (
    <select
      id="composer-from"
      data-testid="composer-from"
      value={value}
      aria-invalid={!known}
      onChange={(e) => props.onChange(e.target.value)}
    >
      {!known && (
        <option value={value} disabled>
          Choose who this message is from (its identity was removed)
        </option>
      )}
      {props.accounts.map((account) => (
        <optgroup key={account.id} label={account.displayName}>
          {account.identities.map((identity) => (
            <option key={identity.id} value={fromKey(account.id, identity.id)}>
              {identity.name ? `${identity.name} <${identity.address}>` : identity.address}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  )
}
