import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { newForm, toDraft, type AccountForm, type Problems } from './account-form'
import { AccountFields } from './AccountFields'

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'

function Harness(props: { onForm: (form: AccountForm) => void; problems?: Problems }) {
  const [form, setForm] = useState(newForm('Ann', 'ann@example.test', 'pw'))
  props.onForm(form)
  return <AccountFields form={form} onChange={setForm} problems={props.problems ?? {}} mode="new" />
}

afterEach(cleanup)

describe('the account’s own certificate authority', () => {
  it('is pasted or loaded from a file, reaches the draft, and can be removed', async () => {
    let form: AccountForm | undefined
    render(<Harness onForm={(f) => (form = f)} />)
    expect(toDraft(form!).trustedCa).toBeUndefined()
    const field = screen.getByLabelText('Your organization’s certificate authority (PEM)')
    fireEvent.change(field, { target: { value: `  ${PEM}\n` } })
    expect(toDraft(form!).trustedCa).toBe(PEM)

    const file = new File([`${PEM}\n`.replace('MIIB', 'MIIC')], 'corp-ca.pem', {
      type: 'application/x-pem-file',
    })
    fireEvent.change(screen.getByLabelText('Load it from a file'), { target: { files: [file] } })
    await waitFor(() => expect(toDraft(form!).trustedCa).toContain('MIIC'))

    fireEvent.click(screen.getByRole('button', { name: 'Remove the certificate authority' }))
    expect(toDraft(form!).trustedCa).toBeUndefined()
  })

  it('shows main’s refusal at the field', () => {
    render(
      <Harness onForm={() => undefined} problems={{ trustedCa: 'must be one or more CA certificates' }} />,
    )
    const field = screen.getByLabelText('Your organization’s certificate authority (PEM)')
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('must be one or more CA certificates')).toBeTruthy()
  })
})
