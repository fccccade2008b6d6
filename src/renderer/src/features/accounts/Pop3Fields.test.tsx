import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { newForm, type AccountForm } from './account-form'
import { AccountFields } from './AccountFields'

function Harness(props: { onForm: (form: AccountForm) => void }) {
  const [form, setForm] = useState(newForm('Ann', 'ann@example.test', 'pw'))
  props.onForm(form)
  return <AccountFields form={form} onChange={setForm} problems={{}} mode="new" />
}

describe('POP3 options', () => {
  it('appear for POP3 accounts only and edit the form', () => {
    let form: AccountForm | undefined
    render(<Harness onForm={(f) => (form = f)} />)
    expect(screen.queryByRole('group', { name: 'POP3 options' })).toBeNull()
    fireEvent.change(screen.getByLabelText('Protocol'), { target: { value: 'pop3' } })
    expect(screen.getByRole('group', { name: 'POP3 options' })).toBeTruthy()
    fireEvent.click(screen.getByLabelText('Delete them from the server after some days'))
    fireEvent.change(screen.getByLabelText('Days on the server'), { target: { value: '30' } })
    fireEvent.click(screen.getByLabelText('Delete from the server when I delete them here'))
    fireEvent.change(screen.getByLabelText('Check every (minutes)'), { target: { value: '5' } })
    expect(form?.pop3).toEqual({
      leaveOnServer: true,
      deleteAfterDays: 30,
      deleteOnServerWhenDeletedLocally: true,
      checkEveryMinutes: 5,
      checkAtStart: true,
    })
    fireEvent.click(screen.getByLabelText('Leave messages on the server'))
    expect(screen.queryByLabelText('Days on the server')).toBeNull()
    expect(form?.pop3.leaveOnServer).toBe(false)
  })
})
