import { asLines, runCli, type CliIo } from './run-cli'

/** The command line run in this process at a fixed time, collecting what it prints (tests). */
export function cliAt(now: Date) {
  return async (...argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const io: CliIo = {
      out: (t) => out.push(asLines(t)),
      err: (t) => err.push(asLines(t)),
      now: () => now,
    }
    const status = await runCli(argv, io)
    return { status, out: out.join(''), err: err.join('') }
  }
}
