/**
 * A backup file's name: its UTC time and counts (`app/exchange/backups.ts` makes them); `.zip`
 * for the archive with media as files, `.json.gz` for backups written before it.
 */
export const BACKUP_NAME =
  /^attache-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(\d+)-notes-(\d+)-cards-(\d+)-logs\.(?:json\.gz|zip)$/

/** Whether `name` is a backup file's name: the only names the hosts read or write (no paths). */
export const isBackupName = (name: string) => BACKUP_NAME.test(name)
