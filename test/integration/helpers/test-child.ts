/**
 * A child process the crash tests kill with SIGKILL: the app's services run in it (outbox-child.ts,
 * replay-child.ts), report progress one line at a time on stdout, and are killed at a chosen
 * point (a probe line) or at a random moment (fault-injection.test.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

interface Waiter {
  match: (line: string) => boolean
  resolve: (line: string) => void
  reject: (err: Error) => void
}

export class TestChild {
  /** Every stdout line so far, in order. */
  readonly lines: string[] = []
  /** How the process ended: its signal (SIGKILL when we killed it), or null with its exit code. */
  readonly exited: Promise<NodeJS.Signals | null>
  private err = ''
  private waiters: Waiter[] = []
  private ended = false

  private constructor(private readonly proc: ChildProcess) {
    proc.stderr!.on('data', (c: Buffer) => (this.err += c.toString()))
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      this.lines.push(line)
      for (const w of this.waiters.filter((x) => x.match(line))) {
        this.waiters.splice(this.waiters.indexOf(w), 1)
        w.resolve(line)
      }
    })
    this.exited = new Promise((resolve) =>
      // 'close', not 'exit': every line the child wrote before it ended has been read by then.
      proc.on('close', (code, signal) => {
        this.ended = true
        for (const w of this.waiters.splice(0)) {
          w.reject(new Error(`child exited (${signal ?? code}) before the line: ${this.err}`))
        }
        resolve(signal)
      }),
    )
  }

  /** Runs a TypeScript file under tsx with these extra environment variables. */
  static start(script: string, env: Record<string, string>): TestChild {
    return new TestChild(
      spawn(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    )
  }

  get stderr(): string {
    return this.err
  }

  /** Resolves with the first line (already read or still to come) that `match` accepts. */
  line(match: (line: string) => boolean, timeoutMs = 60_000): Promise<string> {
    const seen = this.lines.find(match)
    if (seen !== undefined) return Promise.resolve(seen)
    if (this.ended) return Promise.reject(new Error(`child exited before the line: ${this.err}`))
    return new Promise<string>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`no such line within ${timeoutMs} ms: ${this.err}`)),
        timeoutMs,
      )
      this.waiters.push({
        match,
        resolve: (l) => (clearTimeout(t), resolve(l)),
        reject: (e) => (clearTimeout(t), reject(e)),
      })
    })
  }

  /** SIGKILL now; resolves with the signal the process ended with. */
  async kill(): Promise<NodeJS.Signals | null> {
    this.proc.kill('SIGKILL')
    return this.exited
  }
}
