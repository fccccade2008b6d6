import { splitAddress } from '../../../shared/validation'

/**
 * Fills the placeholders of Thunderbird's config format: %EMAILADDRESS%, %EMAILLOCALPART% and
 * %EMAILDOMAIN%. Unknown placeholders are left as they are, and callers refuse results that
 * still contain a "%".
 */
export function fillPlaceholders(template: string, address: string): string {
  const { localPart, domain } = splitAddress(address)
  return template.replace(/%(EMAILADDRESS|EMAILLOCALPART|EMAILDOMAIN)%/g, (_m, name: string) =>
    name === 'EMAILADDRESS' ? address : name === 'EMAILLOCALPART' ? localPart : domain,
  )
}
