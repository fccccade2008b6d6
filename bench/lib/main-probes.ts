/**
 * What the bench watches in the process that runs the engine (Electron's main process in the app):
 * the event loop's largest delay, the JS heap, an IPC-like round trip answered while the engine
 * works, and the IMAP commands a client sends before its first FETCH.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { ImapFlow } from 'imapflow'

const MB = 1024 * 1024

export interface LoopWatch {
  stop(): { maxEventLoopDelayMs: number; peakHeapUsedMb: number; peakRssMb: number }
}

/**
 * Event-loop delay (perf_hooks' histogram, 10 ms resolution: it records how late its timer ran)
 * and the peaks of the JS heap and the resident set, sampled every 20 ms (a sample is a timer too,
 * so it runs as late as the loop is busy; a true peak can sit between two samples).
 */
export function watchLoop(): LoopWatch {
  const histogram = monitorEventLoopDelay({ resolution: 10 })
  histogram.enable()
  let peakHeap = 0
  let peakRss = 0
  const sample = () => {
    const m = process.memoryUsage()
    peakHeap = Math.max(peakHeap, m.heapUsed)
    peakRss = Math.max(peakRss, m.rss)
  }
  sample()
  const sampler = setInterval(sample, 20)
  return {
    stop() {
      histogram.disable()
      clearInterval(sampler)
      sample()
      return {
        maxEventLoopDelayMs: Math.round(histogram.max / 1e6),
        peakHeapUsedMb: Math.round(peakHeap / MB),
        peakRssMb: Math.round(peakRss / MB),
      }
    },
  }
}

/**
 * The renderer's side of IPC, played by a worker thread: every `everyMs` it asks the main thread
 * (a message, answered by `answer` in the main thread's event loop, as Electron's ipcMain does)
 * and times the round trip from its own clock, so a busy main thread shows as a slow answer.
 */
export interface IpcProbe {
  stop(): Promise<{ count: number; p50Ms: number; p95Ms: number; maxMs: number }>
}

const PROBE_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { performance } = require('node:perf_hooks')
const times = []
let sentAt = 0
let stopped = false
const ask = () => { sentAt = performance.now(); parentPort.postMessage('ask') }
parentPort.on('message', (m) => {
  if (m === 'stop') { stopped = true; parentPort.postMessage({ times }); return }
  times.push(performance.now() - sentAt)
  if (!stopped) setTimeout(ask, workerData.everyMs)
})
ask()
`

export function probeIpc(answer: () => Promise<unknown>, everyMs = 25): IpcProbe {
  const worker = new Worker(PROBE_SOURCE, { eval: true, workerData: { everyMs } })
  let result: ((times: number[]) => void) | undefined
  worker.on('message', (m: unknown) => {
    if (m === 'ask') {
      void answer().then(() => worker.postMessage('answer'))
      return
    }
    result?.((m as { times: number[] }).times)
  })
  return {
    async stop() {
      const times = await new Promise<number[]>((resolve) => {
        result = resolve
        worker.postMessage('stop')
      })
      await worker.terminate()
      const sorted = [...times].sort((a, b) => a - b)
      const at = (q: number) =>
        Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 10) / 10
      return { count: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) }
    },
  }
}

/**
 * Counts the IMAP commands every imapflow client of this process sends before its first FETCH
 * (the round trips a cold account pays before the first header arrives; imapflow sends one
 * command at a time). The connection itself (greeting, TLS) is one more, not counted here.
 */
export function countCommandsBeforeFetch(): { stop(): { roundTrips: number; commands: string[] } } {
  const proto = ImapFlow.prototype as unknown as { exec: (cmd: string, ...rest: unknown[]) => unknown }
  const original = proto.exec
  const commands: string[] = []
  let fetched = false
  proto.exec = function (this: unknown, cmd: string, ...rest: unknown[]) {
    if (!fetched) {
      if (cmd === 'FETCH' || cmd === 'UID FETCH') fetched = true
      else commands.push(cmd)
    }
    return original.call(this, cmd, ...rest)
  }
  return {
    stop() {
      proto.exec = original
      return { roundTrips: commands.length, commands }
    },
  }
}
