import type { Fsrs } from 'fsrs-browser'
import type { Trainer } from '../../app/optimize'

// fsrs-rs trains for 5 epochs and logs "epoch: N loss: …" after each; training is one
// synchronous call, so these lines are the only progress it gives without shared memory.
const EPOCHS = 5
const EPOCH_LINE = /^epoch: (\d+)/

/**
 * fsrs-browser's trainer (fsrs-rs as WebAssembly) as a `Trainer`: `ready` loads the module
 * and gives a fresh instance (computeParameters consumes it). Its per-epoch log lines become
 * progress and are not printed.
 */
export function wasmTrainer(ready: () => Promise<Fsrs>): Trainer {
  return async (items, progress) => {
    const fsrs = await ready()
    // fsrs-rs logs through the `log` crate; which console method a line reaches depends on
    // its level, so each of them is watched while training runs.
    const methods = ['log', 'info', 'debug'] as const
    const saved = methods.map((m) => console[m])
    const watch =
      (pass: (...args: unknown[]) => void) =>
      (...args: unknown[]) => {
        const epoch = EPOCH_LINE.exec(String(args[0]))
        if (!epoch) pass(...args)
        else if (progress) progress(Math.min(1, Number(epoch[1]) / EPOCHS))
      }
    methods.forEach((m, i) => (console[m] = watch(saved[i] as (...args: unknown[]) => void)))
    try {
      const trained = fsrs.computeParameters(
        new Uint32Array(items.flatMap((item) => item.map((r) => r.rating))),
        new Uint32Array(items.flatMap((item) => item.map((r) => r.deltaT))),
        new Uint32Array(items.map((item) => item.length)),
        null,
        true,
      )
      return Array.from(trained)
    } finally {
      methods.forEach((m, i) => (console[m] = saved[i] as (...args: unknown[]) => void))
    }
  }
}
