// Run in a child process by keyring.test.ts: opens the secret store with whatever D-Bus the
// environment names and prints which kind it got and whether a round trip works.
import { openSecretStore } from '../../../src/main/core/secrets/keytar-secret-store'

async function main(): Promise<void> {
  const store = await openSecretStore('mailroom-test-probe')
  await store.set('k', 'v')
  console.log(JSON.stringify({ kind: store.kind, back: await store.get('k') }))
  await store.delete('k')
}

void main()
