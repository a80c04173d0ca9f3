import { base64Decode, base64Encode } from '@bufbuild/protobuf/wire'
import type { Replica } from './sync'

/**
 * End-to-end encryption of a synced collection (issue 22): with a passphrase, every document
 * leaves the device as AES-GCM ciphertext of everything but its id and revision, under a key
 * derived from the passphrase with PBKDF2-SHA-256 (WebCrypto, in the window and in Node alike).
 * The server holds one clear document, the salt and a check value, so that a second device
 * with the same passphrase derives the same key, and one with another passphrase is told so
 * before anything is written.
 */
export const ENCRYPTION_DOC_ID = 'attache:encryption'

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const PBKDF2_ITERATIONS = 600_000

const CHECK_TEXT = 'attache-encryption-check'

interface EncryptionDoc {
  _id: string
  _rev?: string
  salt: string
  iterations: number
  check: string
}

/** The passphrase given does not open this database. */
export class WrongPassphrase extends Error {
  constructor() {
    super('the encryption passphrase is not the one this database was encrypted with')
  }
}

/** A database that is encrypted was opened without a passphrase, or the other way round. */
export class EncryptionMismatch extends Error {}

const bytes = (b: Uint8Array) => b as Uint8Array<ArrayBuffer>

/** WebCrypto's key (named through `crypto` so every host's typings agree). */
export type SyncKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>

/** The key a passphrase and salt give (not extractable: script cannot read it back). */
export async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  iterations = PBKDF2_ITERATIONS,
): Promise<SyncKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(passphrase),
    'PBKDF2',
    false,
    ['deriveKey'],
  )
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: bytes(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

/** A JSON value as base64 of a fresh 12-byte IV followed by its AES-GCM ciphertext. */
export async function encryptJson(key: SyncKey, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const plain = new TextEncoder().encode(JSON.stringify(value))
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain))
  const out = new Uint8Array(iv.length + sealed.length)
  out.set(iv)
  out.set(sealed, iv.length)
  return base64Encode(out)
}

/** The value `encryptJson` sealed; throws WrongPassphrase when the key does not open it. */
export async function decryptJson(key: SyncKey, text: string): Promise<unknown> {
  let sealed: Uint8Array
  try {
    sealed = base64Decode(text)
  } catch {
    throw new WrongPassphrase()
  }
  if (sealed.length < 13) throw new WrongPassphrase()
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(sealed.subarray(0, 12)) },
      key,
      bytes(sealed.subarray(12)),
    )
    return JSON.parse(new TextDecoder().decode(plain)) as unknown
  } catch {
    throw new WrongPassphrase()
  }
}

/** The part of the server's database that sets encryption up (PouchDB's own fits it). */
export interface EncryptionHost {
  get(id: string): Promise<unknown>
  put(doc: object): Promise<unknown>
  info(): Promise<{ doc_count: number }>
}

const isMissing = (e: unknown) => (e as { status?: number } | null)?.status === 404

/**
 * The key for this database: with a passphrase, derived and checked against the server's
 * encryption document (made here on a database that is still empty); without one, null. A
 * passphrase for a database that is not encrypted, or none for one that is, is refused.
 */
export async function openEncryption(
  remote: EncryptionHost,
  passphrase: string | null,
): Promise<SyncKey | null> {
  let doc: EncryptionDoc | null = null
  try {
    doc = (await remote.get(ENCRYPTION_DOC_ID)) as EncryptionDoc
  } catch (e) {
    if (!isMissing(e)) throw e
  }
  if (!passphrase) {
    if (doc)
      throw new EncryptionMismatch(
        'this database is encrypted: give its passphrase (every device syncing with it needs it)',
      )
    return null
  }
  if (!doc) {
    if ((await remote.info()).doc_count > 0)
      throw new EncryptionMismatch(
        'this database already holds a collection that is not encrypted: use a new database to sync encrypted',
      )
    const salt = crypto.getRandomValues(new Uint8Array(16))
    const key = await deriveKey(passphrase, salt)
    await remote.put({
      _id: ENCRYPTION_DOC_ID,
      salt: base64Encode(salt),
      iterations: PBKDF2_ITERATIONS,
      check: await encryptJson(key, CHECK_TEXT),
    })
    return key
  }
  if (typeof doc.salt !== 'string' || !Number.isInteger(doc.iterations) || doc.iterations < 1)
    throw new EncryptionMismatch("the server's encryption document is damaged")
  const key = await deriveKey(passphrase, base64Decode(doc.salt), doc.iterations)
  if ((await decryptJson(key, doc.check)) !== CHECK_TEXT) throw new WrongPassphrase()
  return key
}

interface Sealed {
  _id: string
  _rev?: string
  _deleted?: boolean
  _conflicts?: string[]
  e?: string
}

/**
 * A replica whose documents are sealed with `key` as they are written and opened as they are
 * read: replication then carries ciphertext only. A document that does not open is handed on
 * marked `undecryptable`, for sync to refuse with its id.
 */
export function encryptedReplica(replica: Replica, key: SyncKey): Replica {
  const open = async (doc: unknown): Promise<unknown> => {
    const sealed = doc as Sealed | undefined
    if (!sealed || sealed._deleted || typeof sealed.e !== 'string') return doc
    const { e, ...meta } = sealed
    try {
      const inner = (await decryptJson(key, e)) as object
      return { ...inner, ...meta }
    } catch {
      return { ...meta, undecryptable: true }
    }
  }
  return {
    async bulkDocs(docs) {
      const out = await Promise.all(
        docs.map(async (d) => {
          const { _id, _rev, _deleted, ...rest } = d as Sealed & Record<string, unknown>
          if (_deleted) return { _id, _rev, _deleted }
          return { _id, ...(_rev ? { _rev } : {}), e: await encryptJson(key, rest) }
        }),
      )
      return replica.bulkDocs(out)
    },
    async allDocs(options) {
      const result = await replica.allDocs(options)
      const rows = await Promise.all(
        result.rows.map(async (r) => (r.doc ? { ...r, doc: await open(r.doc) } : r)),
      )
      return { ...result, rows }
    },
    async get(id, options) {
      return open(await replica.get(id, options))
    },
    async changes(options) {
      const result = await replica.changes(options)
      const results = await Promise.all(
        result.results.map(async (c) => (c.doc ? { ...c, doc: await open(c.doc) } : c)),
      )
      return { ...result, results }
    },
    info: () => replica.info(),
  }
}
