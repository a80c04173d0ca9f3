/**
 * Why a file cannot be imported, in the user's words: the file, the place in it (an entry of a
 * package, a record, a line) and the reason. Every parser throws only this, so every host
 * shows the same message and nothing is written.
 */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly place: string | null,
    readonly reason: string,
  ) {
    super(`${file}${place ? `, ${place}` : ''}: ${reason}`)
    this.name = 'ImportError'
  }
}

/** Reports how far a long job is, 0–1, with what it is doing. */
export type Progress = (fraction: number, stage: string) => void

export const noProgress: Progress = () => undefined
