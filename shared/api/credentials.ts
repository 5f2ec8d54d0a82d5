// What a user signs in with: the rules every door and the renderer check alike.
import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 10;
export const Username = z
  .string()
  .trim()
  // Accents typed as letter + combining mark (macOS, some IMEs) are stored composed; shared/usernames.ts decides sameness.
  .normalize('NFC')
  .min(2)
  .max(40)
  .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'username' });
/**
 * At least 10 characters. The core also refuses the user name and the 10,000 most common
 * passwords (VALIDATION with message 'containsUsername' / 'commonPassword' on the field).
 */
export const Password = z.string().min(MIN_PASSWORD_LENGTH).max(200);
