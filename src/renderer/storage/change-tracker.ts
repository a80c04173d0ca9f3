import type { Dexie } from 'dexie'

/**
 * Calls `onChange` whenever anything is written to the database (Dexie's DBCore middleware
 * sees every put, add and delete, whoever makes it): automatic backups run only after changes.
 */
export function trackChanges(db: Dexie, onChange: () => void) {
  db.use({
    stack: 'dbcore',
    name: 'attache-change-tracker',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name)
        return {
          ...table,
          mutate: (req) => {
            onChange()
            return table.mutate(req)
          },
        }
      },
    }),
  })
}
