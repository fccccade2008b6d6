import type { AuthMethod, IncomingProtocol, Security } from '../../../../shared/model/account'
import type { DiscoverySource } from '../../../../shared/model/discovery'
import { DEFAULT_PORTS, type AccountForm, type Problems, type ServerForm } from './account-form'
import { SOURCE_TEXT } from './account-words'
import { Field } from './Field'

type Role = 'incoming' | 'outgoing'

const SECURITY_TEXT: Record<Security, string> = {
  tls: 'SSL/TLS',
  starttls: 'STARTTLS',
  none: 'None (unencrypted)',
}
const AUTH_TEXT: Record<AuthMethod, string> = {
  auto: 'Automatic',
  plain: 'Normal password (PLAIN)',
  login: 'Normal password (LOGIN)',
}

/** The fields of one server, editable; the port follows protocol and security while it is a default. */
export function ServerFields(props: {
  role: Role
  form: AccountForm
  onChange: (form: AccountForm) => void
  problems: Problems
  source?: DiscoverySource | undefined
}) {
  const { role, form, problems } = props
  const server: ServerForm = form[role]
  const protocol: IncomingProtocol | 'smtp' = role === 'incoming' ? form.incoming.protocol : 'smtp'
  const set = (patch: Partial<ServerForm> & { protocol?: IncomingProtocol }) => {
    const next = { ...server, ...patch }
    const nextProtocol = patch.protocol ?? protocol
    // Keep the port in step with the choice while it is still the default for the old one.
    const choiceChanged = patch.protocol !== undefined || patch.security !== undefined
    if (choiceChanged && server.port === String(DEFAULT_PORTS[protocol][server.security])) {
      next.port = String(DEFAULT_PORTS[nextProtocol][next.security])
    }
    props.onChange({ ...form, [role]: next })
  }
  const id = (name: string) => `${role}-${name}`
  return (
    <fieldset className="server-fields">
      <legend>{role === 'incoming' ? 'Incoming server' : 'Outgoing server (SMTP)'}</legend>
      {props.source && (
        <p className="source" data-testid={`${role}-source`}>
          Found {SOURCE_TEXT[props.source.kind]}.
        </p>
      )}
      {role === 'incoming' && (
        <Field id={id('protocol')} label="Protocol">
          {(aria) => (
            <select
              {...aria}
              value={form.incoming.protocol}
              onChange={(e) => set({ protocol: e.target.value as IncomingProtocol })}
            >
              <option value="imap">IMAP (mail stays on the server)</option>
              <option value="pop3">POP3 (mail is downloaded)</option>
            </select>
          )}
        </Field>
      )}
      <Field id={id('host')} label="Server" error={problems[`${role}.host`]}>
        {(aria) => (
          <input
            {...aria}
            value={server.host}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => set({ host: e.target.value })}
          />
        )}
      </Field>
      <Field id={id('port')} label="Port" error={problems[`${role}.port`]}>
        {(aria) => (
          <input
            {...aria}
            value={server.port}
            inputMode="numeric"
            onChange={(e) => set({ port: e.target.value })}
          />
        )}
      </Field>
      <Field id={id('security')} label="Connection security">
        {(aria) => (
          <select
            {...aria}
            value={server.security}
            onChange={(e) => set({ security: e.target.value as Security })}
          >
            {(Object.keys(SECURITY_TEXT) as Security[]).map((s) => (
              <option key={s} value={s}>
                {SECURITY_TEXT[s]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {server.security === 'none' && (
        <p className="warning" role="note">
          Without encryption, your password and your mail can be read by anyone on the network. Use this only
          on a network you trust completely.
        </p>
      )}
      <Field id={id('username')} label="User name" error={problems[`${role}.username`]}>
        {(aria) => (
          <input
            {...aria}
            value={server.username}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => set({ username: e.target.value })}
          />
        )}
      </Field>
      <Field id={id('auth')} label="Authentication">
        {(aria) => (
          <select
            {...aria}
            value={server.authMethod}
            onChange={(e) => set({ authMethod: e.target.value as AuthMethod })}
          >
            {(Object.keys(AUTH_TEXT) as AuthMethod[]).map((m) => (
              <option key={m} value={m}>
                {AUTH_TEXT[m]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  )
}
