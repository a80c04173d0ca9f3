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
    const log = console.log
    console.log = (...args: unknown[]) => {
      const epoch = EPOCH_LINE.exec(String(args[0]))
      if (epoch && progress) progress(Math.min(1, Number(epoch[1]) / EPOCHS))
    }
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
      console.log = log
    }
  }
}
