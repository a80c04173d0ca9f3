/** How long one request to the sync server may take before the sync gives up (and resumes later). */
export const REQUEST_TIMEOUT_MS = 60_000

/**
 * `fetch` that gives up after `ms`: a server that stops answering ends the sync with a timeout
 * (its words in `syncErrorMessage`) instead of holding it open for ever. PouchDB takes it as
 * its `fetch` option.
 */
export function timedFetch(ms = REQUEST_TIMEOUT_MS) {
  return (url: string | Request, init: RequestInit = {}): Promise<Response> => {
    const timeout = AbortSignal.timeout(ms)
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    return fetch(url, { ...init, signal }).catch((e: unknown) => {
      // PouchDB copies an error's own properties into its own: a DOMException has none, so
      // the timeout is said by a plain error that keeps its name and words.
      if (timeout.aborted)
        throw Object.assign(new Error(`no answer in ${ms} ms`), {
          name: 'TimeoutError',
          code: 'ETIMEDOUT',
        })
      throw e
    })
  }
}
