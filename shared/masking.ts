// How phone numbers and e-mail addresses look to roles that may not see them (PRODUCT.md:
// `138****1234`). Pure functions: the core masks before anything leaves it; the UI only shows.

/** Keeps the first 3 and last 4 digits of a long number, the last 4 of a short one. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits === '') return '';
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length > 4) return `****${digits.slice(-4)}`;
  return '****';
}

/** Keeps the first character of the name and the whole domain: `z***@example.com`. */
export function maskEmail(email: string): string {
  if (email === '') return '';
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.charAt(0)}***${email.slice(at)}`;
}

/** True for text as maskPhone / maskEmail produce it. */
export function isMasked(text: string): boolean {
  return text.includes('****') || /^.\*\*\*@/.test(text) || text === '***';
}
