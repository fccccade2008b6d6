import { runSendBench } from '../send-bench'
import type { BenchSection } from '../types'

/**
 * Sending: 1,000 messages of 10 KB through the outbox to the bench stack's Postfix, against a bare
 * pooled nodemailer loop in the same run (fewer with a smaller --messages).
 */
const send: BenchSection = async (ctx) => {
  // send-bench reads the stack through test/servers/mail-env, which follows MAILTEST_ROOT.
  process.env['MAILTEST_ROOT'] = ctx.stack.root
  const result = await runSendBench({ messages: Math.min(1000, ctx.messages) })
  ctx.log(
    `send: engine ${result.engineMs} ms, bare nodemailer ${result.baselineMs} ms, ratio ${result.ratio}`,
  )
  return { ...result }
}

export default send
