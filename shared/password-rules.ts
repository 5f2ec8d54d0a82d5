// Password rules that need no word list, shared so the set-up and password screens judge a password
// exactly as the core will (the core adds the common-password list: electron/core/services/password-policy.ts).
import { usernameKey } from './usernames.ts';

/** A user name this short would forbid too many passwords ("li" in "reliable"). */
const MIN_NAME_IN_PASSWORD = 3;

/** Whether the password contains the user name, compared as user names are (case, look-alikes). */
export function containsUsername(password: string, username: string): boolean {
  const name = usernameKey(username);
  return name.length >= MIN_NAME_IN_PASSWORD && usernameKey(password).includes(name);
}
