/**
 * Look-alike domains: "examp1e.com", "exarnple.com", "pаypal.com" (Cyrillic а) for "example.com"
 * and "paypal.com". Compared by Unicode's confusable skeleton (UTS #39 §4, the unhomoglyph table)
 * of the organizational domain in its Unicode form, and by one edit (insert, delete, replace or
 * swap of neighbours: Damerau) between names long enough that one edit is not just another name.
 */
import { domainToUnicode } from 'node:url'
import unhomoglyph from 'unhomoglyph'
import { organizationLabel, organizationalDomain } from './domains'

/** Shorter organization names are one edit from too many honest ones ("ab.com", "ac.com"). */
const MIN_EDIT_LABEL = 5

export function skeleton(domain: string): string {
  const unicode = domainToUnicode(domain.toLowerCase()) || domain.toLowerCase()
  // The table maps to representative characters, some upper case ("0" → "O"): fold after.
  return unhomoglyph(unicode.normalize('NFKC')).toLowerCase()
}

/** True when a and b are at most one edit apart, a swap of neighbours counting as one (by hand: ten lines). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  let j = 0
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++
  const restA = a.length - i - j
  const restB = b.length - i - j
  if (restA <= 1 && restB <= 1) return true
  // A swap of two neighbours ("exmaple" / "example").
  return restA === 2 && restB === 2 && a[i] === b[i + 1] && a[i + 1] === b[i]
}

/** The reference domain `domain` imitates, or null. The same organization is never a look-alike. */
export function lookAlikeOf(domain: string, references: Iterable<string>): string | null {
  const org = organizationalDomain(domainToUnicode(domain.toLowerCase()) || domain.toLowerCase())
  const skel = skeleton(org)
  for (const ref of references) {
    const refOrg = organizationalDomain(domainToUnicode(ref.toLowerCase()) || ref.toLowerCase())
    if (refOrg === org) continue
    const refSkel = skeleton(refOrg)
    if (refSkel === skel) return ref
    const long = Math.min(organizationLabel(org).length, organizationLabel(refOrg).length) >= MIN_EDIT_LABEL
    // Both forms: the skeleton turns "m" into "rn", which would hide "example.co" / "example.com".
    if (long && (withinOneEdit(org, refOrg) || withinOneEdit(skel, refSkel))) return ref
  }
  return null
}
