// The one place that says when two user names are the same name. Every comparison or key made of a
// user name (key slots, lock-out counters, the users table's uniqueness, the sign-in screen's
// lock-out) goes through `usernameKey`, so `Élodie`/`élodie`, `kate`/`\u212Aate` (Kelvin sign) and
// full-width `ｂｏｓｓ`/`boss` cannot be two users fighting over one key slot.

/**
 * NFKC folds compatibility look-alikes (Kelvin sign, full-width letters, ligatures) and composes
 * accents; upper- then lower-casing approximates Unicode full case folding (ß → ss, ς → σ), which
 * JavaScript has no function for. The last NFKC keeps the result stable when applied again.
 */
export function usernameKey(username: string): string {
  return username.trim().normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

export function sameUsername(a: string, b: string): boolean {
  return usernameKey(a) === usernameKey(b);
}
