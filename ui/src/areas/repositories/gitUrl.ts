// Git URLs never carry credentials in the UI: the URL is remembered in localStorage and shown in
// job titles, so a token in it would be kept in clear. The token belongs in the system's git token.

/** True when the URL names a user or password (`https://user:token@host/...`). */
export function hasCredentials(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url.trim());
}

/** The message shown at the URL field when it carries credentials. */
export const CREDENTIALS_IN_URL =
  "Remove the user name and token from the URL: put the token in the system's git token.";

/** A remembered URL, or '' when the remembered one carries credentials (left by an older version). */
export function rememberedUrl(stored: string | null): string {
  return stored && !hasCredentials(stored) ? stored : '';
}
