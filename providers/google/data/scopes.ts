// The scopes the fake knows: OpenID Connect's, and the Admin SDK's directory scopes; aliases as Google expands them.

export const OPENID = 'openid';
export const EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';
export const PROFILE_SCOPE = 'https://www.googleapis.com/auth/userinfo.profile';
export const DIRECTORY_USER_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user';
export const DIRECTORY_USER_READONLY_SCOPE = 'https://www.googleapis.com/auth/admin.directory.user.readonly';

/** DOC: `email` and `profile` are short forms; Google answers with the full URLs in the token's `scope`. */
const ALIASES: Record<string, string> = { email: EMAIL_SCOPE, profile: PROFILE_SCOPE };

/** What the consent page tells the person each scope means. */
export const SCOPE_TEXT: Record<string, string> = {
  [OPENID]: 'Associate you with your personal info on Google',
  [EMAIL_SCOPE]: 'See your primary Google Account email address',
  [PROFILE_SCOPE]: 'See your personal info, including any personal info you have made publicly available',
  [DIRECTORY_USER_SCOPE]: 'View and manage the provisioning of users on your domain',
  [DIRECTORY_USER_READONLY_SCOPE]: 'See info about users on your domain',
};

const GOOGLE_API_SCOPE = /^https:\/\/www\.googleapis\.com\/auth\/[a-z0-9._-]+$/;

export interface ScopeCheck {
  granted: string[];
  invalid: string[];
}

/**
 * Splits the space-separated `scope` (RFC 6749 §3.3), expands aliases and drops repeats. A scope that is
 * neither an alias, `openid`, nor a `https://www.googleapis.com/auth/…` URL is invalid (DOC: Google answers
 * "Some requested scopes were invalid"); other Google API scopes pass, shown on the page as they are.
 */
export function checkScopes(scope: string): ScopeCheck {
  const granted: string[] = [];
  const invalid: string[] = [];
  for (const raw of scope.split(' ').filter(Boolean)) {
    const full = ALIASES[raw] ?? raw;
    if (full === OPENID || GOOGLE_API_SCOPE.test(full)) {
      if (!granted.includes(full)) granted.push(full);
    } else invalid.push(raw);
  }
  return { granted, invalid };
}
