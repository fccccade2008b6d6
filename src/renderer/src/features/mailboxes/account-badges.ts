import type { Account } from '../../../../shared/model/account'

/** How a row that may come from any account says whose it is: the account's name and colour. */
export interface AccountBadge {
  name: string
  colour: string
}

/**
 * Distinct, readable on white and on the selection's blue; assigned in the order accounts were
 * added (the account list's order), so an account keeps its colour while others come and go
 * after it.
 */
const PALETTE = ['#2f6fdf', '#c2410c', '#15803d', '#9333ea', '#b91c1c', '#0e7490', '#a16207', '#be185d']

export function accountBadges(accounts: readonly Account[]): ReadonlyMap<string, AccountBadge> {
  return new Map(
    accounts.map((a, i) => [
      a.id,
      { name: a.displayName || a.address, colour: PALETTE[i % PALETTE.length]! },
    ]),
  )
}
