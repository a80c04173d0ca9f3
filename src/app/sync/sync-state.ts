import { z } from 'zod'

/**
 * This device's own sync bookkeeping, kept in the collection's settings table so a pull and
 * its checkpoint are written in one transaction. It never syncs and never goes into a backup
 * (a backup restored elsewhere must not make two devices one).
 */
export const SYNC_STATE_KEY = 'sync'

export const syncStateSchema = z.object({
  /** This device's id: random, made on its first sync. */
  device: z.string().regex(/^[0-9a-f]{16}$/),
  /** The change log is sent through this `seq`; 0 before the first whole send. */
  pushed: z.number().int().min(0),
  /** Whether everything was sent once (later sends follow the change log). */
  sentAll: z.boolean(),
  /** The local replica's changes are applied through this sequence. */
  pulled: z.union([z.number(), z.string()]),
  /** When the last sync ended (epoch ms). */
  lastSync: z.number().optional(),
  /**
   * With end-to-end encryption: the key derived from the passphrase (a WebCrypto key that
   * cannot be exported; IndexedDB stores it as it is). The passphrase itself is not kept.
   */
  key: z.custom<object>((v) => typeof v === 'object' && v !== null).optional(),
})
export type SyncState = z.infer<typeof syncStateSchema>
