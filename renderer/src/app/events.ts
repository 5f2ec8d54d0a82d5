/** Tells open lists that customers changed elsewhere (restore from a snackbar, a save), so they reload. */
const CUSTOMERS_CHANGED = 'clientele:customers-changed';

export function announceCustomersChanged(): void {
  window.dispatchEvent(new Event(CUSTOMERS_CHANGED));
}

export function onCustomersChanged(listener: () => void): () => void {
  window.addEventListener(CUSTOMERS_CHANGED, listener);
  return () => window.removeEventListener(CUSTOMERS_CHANGED, listener);
}

/** A backup was written (or restored over): the reminder banner and the backup list reload. */
const BACKUPS_CHANGED = 'clientele:backups-changed';

export function announceBackupsChanged(): void {
  window.dispatchEvent(new Event(BACKUPS_CHANGED));
}

export function onBackupsChanged(listener: () => void): () => void {
  window.addEventListener(BACKUPS_CHANGED, listener);
  return () => window.removeEventListener(BACKUPS_CHANGED, listener);
}
