/** The part of Electron's safeStorage the store uses (a parameter, so Node tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(text: string): Buffer
  decryptString(data: Buffer): string
}

/** The file calls the store makes (node:fs/promises in the app, the same in tests). */
export interface PasswordFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>
  writeFile(path: string, data: string): Promise<void>
  rename(from: string, to: string): Promise<void>
}

export class NoKeychain extends Error {
  constructor() {
    super(
      'this system offers no keychain to keep the password in (Electron safeStorage): sign in each time, or set one up',
    )
  }
}

/**
 * Sync passwords on the desktop (issue 22): each encrypted by the system's keychain through
 * Electron's safeStorage (Keychain, DPAPI, libsecret) and kept in one JSON file of the user
 * data, by server and user. A password is never written in clear: without a keychain it is
 * refused, not kept.
 */
export function syncPasswords(file: string, fs: PasswordFs, safe: SafeStorageLike) {
  const keyOf = (server: string, user: string) => `${server}\n${user}`
  const read = async (): Promise<Record<string, string>> => {
    try {
      const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as unknown
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {}
    } catch {
      return {}
    }
  }
  const write = async (all: Record<string, string>) => {
    await fs.writeFile(`${file}.partial`, JSON.stringify(all))
    await fs.rename(`${file}.partial`, file)
  }
  return {
    async save(server: string, user: string, password: string) {
      if (!safe.isEncryptionAvailable()) throw new NoKeychain()
      const all = await read()
      all[keyOf(server, user)] = safe.encryptString(password).toString('base64')
      await write(all)
    },
    async load(server: string, user: string): Promise<string | null> {
      const sealed = (await read())[keyOf(server, user)]
      if (typeof sealed !== 'string' || !safe.isEncryptionAvailable()) return null
      try {
        return safe.decryptString(Buffer.from(sealed, 'base64'))
      } catch {
        return null
      }
    },
    async forget(server: string, user: string) {
      const all = await read()
      const key = keyOf(server, user)
      if (!(key in all)) return
      await write(Object.fromEntries(Object.entries(all).filter(([k]) => k !== key)))
    },
  }
}
