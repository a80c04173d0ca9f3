/** A backup file's name: its UTC time and counts (`app/exchange/backups.ts` makes them). */
export const BACKUP_NAME =
  /^attache-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(\d+)-notes-(\d+)-cards-(\d+)-logs\.json\.gz$/

/** Whether `name` is a backup file's name: the only names the hosts read or write (no paths). */
export const isBackupName = (name: string) => BACKUP_NAME.test(name)
