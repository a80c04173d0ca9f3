import type { CommitChannel, CommitNews } from '../../app/collection-writes'

/** What goes over the channel: the news, and which Collection sent it. */
interface Message {
  from: string
  news: CommitNews
}

const nameOf = (dbName: string) => `attache-commits:${dbName}`

/** Node's channels would keep a process alive (tests, benches); browsers have no `unref`. */
function opened(name: string): BroadcastChannel {
  const channel = new BroadcastChannel(name)
  ;(channel as { unref?: () => void }).unref?.()
  return channel
}

/** One channel to post on per database name in this context (a window, a worker). */
const posters = new Map<string, BroadcastChannel>()

/**
 * The commits of every Collection over the database `dbName`, told to and heard from the other
 * Collections over it: other tabs, workers, and others in this context. Posting shares one
 * channel per context (a worker makes a Collection per request); listening opens a channel of
 * its own, and skips what its own Collection sent. Undefined where there is no BroadcastChannel.
 */
export function commitChannel(dbName: string): CommitChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  const name = nameOf(dbName)
  const self = crypto.randomUUID()
  return {
    post: (news) => {
      let poster = posters.get(name)
      if (!poster) posters.set(name, (poster = opened(name)))
      poster.postMessage({ from: self, news } satisfies Message)
    },
    listen: (heard) => {
      opened(name).addEventListener('message', (event: MessageEvent<Message>) => {
        if (event.data.from !== self) heard(event.data.news)
      })
    },
  }
}
