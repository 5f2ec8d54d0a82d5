/** Tells open lists that customers changed elsewhere (restore from a snackbar, a save), so they reload. */
const CUSTOMERS_CHANGED = 'clientele:customers-changed';

export function announceCustomersChanged(): void {
  window.dispatchEvent(new Event(CUSTOMERS_CHANGED));
}

export function onCustomersChanged(listener: () => void): () => void {
  window.addEventListener(CUSTOMERS_CHANGED, listener);
  return () => window.removeEventListener(CUSTOMERS_CHANGED, listener);
}
