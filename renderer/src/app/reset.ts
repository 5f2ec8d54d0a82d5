/**
 * State that outlives a screen (remembered list filters, ...) registers a reset here; signing out
 * and switching user call them all, so the next person starts from a clean app.
 */
const resets = new Set<() => void>();

export function onAppReset(reset: () => void): () => void {
  resets.add(reset);
  return () => resets.delete(reset);
}

export function resetAppState(): void {
  for (const reset of resets) reset();
  // Start at home; replaceState fires no hashchange, so nothing still mounted reacts to it.
  history.replaceState(null, '', `${location.pathname}${location.search}#/`);
}
