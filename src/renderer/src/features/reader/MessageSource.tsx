import { useEffect, useState } from 'react'
import type { AppErrorData } from '../../../../shared/errors'
import { ErrorNotice } from '../../lib/ErrorNotice'
import { errorData } from '../../lib/error-data'
import { call } from '../../lib/ipc'

type SourceState =
  { state: 'loading' } | { state: 'ready'; text: string } | { state: 'failed'; error: AppErrorData }

/** The raw RFC 5322 source, as text (also for messages that could not be parsed). */
export function MessageSource({ messageId }: { messageId: string }) {
  const [source, setSource] = useState<SourceState>({ state: 'loading' })
  useEffect(() => {
    let live = true
    call('getMessageSource', messageId).then(
      (text) => live && setSource({ state: 'ready', text }),
      (err: unknown) => live && setSource({ state: 'failed', error: errorData(err) }),
    )
    return () => {
      live = false
    }
  }, [messageId])
  if (source.state === 'loading') return <p aria-busy="true">Loading the source…</p>
  if (source.state === 'failed') return <ErrorNotice error={source.error} />
  return (
    <pre className="message-source" aria-label="Message source" tabIndex={0}>
      {source.text}
    </pre>
  )
}
