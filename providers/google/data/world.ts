// Google's fake data for one harness: a Workspace customer, the people who can sign in, the directory, and the consents given.
import type { ProviderContext } from '../../../core/provider.ts';

/** A person who can sign in on the consent page. `hd` is their Workspace domain; null for a consumer account. */
export interface GoogleUser {
  /** DOC: the stable account id (`sub` of id_tokens, `id` in the directory): 21 digits. */
  sub: string;
  email: string;
  givenName: string;
  familyName: string;
  picture: string;
  hd: string | null;
  /** A Workspace super admin may call the Admin SDK. */
  isAdmin: boolean;
}

/** DOC (Admin SDK Directory API): the user resource, in the fields the fake keeps. */
export interface DirectoryUser {
  id: string;
  primaryEmail: string;
  name: { givenName: string; familyName: string; fullName: string };
  isAdmin: boolean;
  suspended: boolean;
  orgUnitPath: string;
  creationTime: string;
  lastLoginTime: string;
  changePasswordAtNextLogin: boolean;
}

/** What one person granted one client: the consent Google remembers between authorisations. */
export interface Consent {
  scopes: string[];
  /** Refresh tokens and access tokens of this consent share one family: revoking one revokes them all (DOC). */
  family: string;
  /** Whether a refresh token has been handed out under this consent (DOC: only on the first offline consent). */
  offlineGranted: boolean;
}

export interface GoogleWorld {
  domain: string;
  /** DOC: the Workspace customer id (`C0…`); `customer=my_customer` names it for its admins. */
  customerId: string;
  users: GoogleUser[];
  directory: DirectoryUser[];
  consents: Map<string, Consent>;
  nextId: bigint;
}

const WORLD = 'world';

export function world(ctx: ProviderContext<any>): GoogleWorld {
  const found = ctx.state.get(WORLD) as GoogleWorld | undefined;
  if (!found) throw new Error('Google state was not seeded for this harness.');
  return found;
}

export function setWorld(ctx: ProviderContext<any>, value: GoogleWorld): void {
  ctx.state.set(WORLD, value);
}

const consentKey = (clientId: string, sub: string): string => `${clientId}\u0000${sub}`;

export const findConsent = (w: GoogleWorld, clientId: string, sub: string): Consent | undefined => w.consents.get(consentKey(clientId, sub));

export function saveConsent(w: GoogleWorld, clientId: string, sub: string, consent: Consent): void {
  w.consents.set(consentKey(clientId, sub), consent);
}

/** Forgets the consent whose token family this is (the person removed the app's access). */
export function forgetConsent(w: GoogleWorld, family: string): void {
  for (const [key, consent] of w.consents) if (consent.family === family) w.consents.delete(key);
}

export const findUser = (w: GoogleWorld, sub: string): GoogleUser | undefined => w.users.find((u) => u.sub === sub);
export const findUserByEmail = (w: GoogleWorld, email: string): GoogleUser | undefined =>
  w.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
