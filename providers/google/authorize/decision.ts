// The person's answer on the consent page: a code carrying what was granted — or access_denied; and prompt=none.
import { DoubleError } from '../../../core/errors.ts';
import type { ProviderContext } from '../../../core/provider.ts';
import { codeValue } from '../identity/token-values.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { findConsent, findUserByEmail, saveConsent, world, type GoogleUser } from '../data/world.ts';
import { redirectWith, type AuthorizeRequest } from './request.ts';

type Ctx = ProviderContext<GoogleQuirks>;

export interface Decision {
  approve: boolean;
  /** The test user who signs in; default the page's preselected one (login_hint, else the Workspace admin). */
  userEmail?: string | null;
}

/** The account the page preselects: the `login_hint` one if it is a test user of the right domain, else the first that fits `hd`. */
export function preselectedUser(ctx: Ctx, request: AuthorizeRequest): GoogleUser | undefined {
  const candidates = accountsFor(ctx, request);
  const hinted = request.loginHint ? candidates.find((u) => u.email.toLowerCase() === request.loginHint!.toLowerCase()) : undefined;
  return hinted ?? candidates[0];
}

/** DOC: `hd` limits the account chooser to that Workspace domain (`*`: any Workspace account). */
export function accountsFor(ctx: Ctx, request: AuthorizeRequest): GoogleUser[] {
  const users = world(ctx).users;
  if (request.hd === null) return users;
  return users.filter((u) => u.hd !== null && (request.hd === '*' || u.hd === request.hd));
}

/** The redirect URL for the decision. */
export function decide(ctx: Ctx, request: AuthorizeRequest, decision: Decision): string {
  // RFC 6749 §4.1.2.1, DOC: the person clicked Cancel.
  if (!decision.approve) return redirectWith(request, { error: 'access_denied' });
  const user = decision.userEmail ? findUserByEmail(world(ctx), decision.userEmail) : preselectedUser(ctx, request);
  if (!user) throw new DoubleError('invalid_request', decision.userEmail ? `No test user ${decision.userEmail}.` : 'No test user can sign in here.', { field: 'user' });
  if (!accountsFor(ctx, request).includes(user)) {
    throw new DoubleError('invalid_request', `The account ${user.email} is not in the domain hd=${request.hd} asks for.`, { field: 'user' });
  }
  return issueCode(ctx, request, user, false);
}

/**
 * DOC: `prompt=none` shows nothing — a code if the account already consented to every scope asked,
 * otherwise `error=consent_required` at the redirect URI.
 */
export function silentDecision(ctx: Ctx, request: AuthorizeRequest): string {
  const user = preselectedUser(ctx, request);
  if (!user) return redirectWith(request, { error: 'login_required' });
  const consent = findConsent(world(ctx), request.client.clientId, user.sub);
  if (!consent || !request.scopes.every((s) => consent.scopes.includes(s))) return redirectWith(request, { error: 'consent_required' });
  return issueCode(ctx, request, user, true);
}

function issueCode(ctx: Ctx, request: AuthorizeRequest, user: GoogleUser, silent: boolean): string {
  const w = world(ctx);
  const clientId = request.client.clientId;
  const earlier = findConsent(w, clientId, user.sub);
  // DOC: include_granted_scopes=true adds the scopes granted before (incremental authorisation).
  const scopes = request.includeGrantedScopes && earlier ? [...new Set([...earlier.scopes, ...request.scopes])] : request.scopes;
  // DOC (chiefonboarding.md): a refresh token only with access_type=offline, and after the first consent
  // only with prompt=consent. Scenario `consent-without-refresh-token`: every consent counts as a repeat one.
  const repeat = (earlier?.offlineGranted ?? false) || ctx.scenarios.consume('google', 'consent-without-refresh-token') !== undefined;
  const withRefresh = request.offline && (!repeat || request.forceConsent);
  const family = earlier?.family ?? `google-grant-${ctx.random.string.alphanumeric(12)}`;
  saveConsent(w, clientId, user.sub, {
    scopes: [...new Set([...(earlier?.scopes ?? []), ...request.scopes])],
    family,
    offlineGranted: (earlier?.offlineGranted ?? false) || withRefresh,
  });
  const now = ctx.clock.now();
  const code = ctx.codes.issue({
    value: codeValue(ctx.random),
    provider: 'google',
    environment: request.client.environment,
    clientId,
    redirectUri: request.redirectUri,
    state: request.state,
    issuedAt: now,
    expiresAt: now + ctx.quirks.codeLifetimeSeconds * 1000,
    codeChallenge: request.codeChallenge,
    subject: {
      sub: user.sub,
      scope: scopes.join(' '),
      family,
      refresh: withRefresh ? 'yes' : '',
      nonce: request.nonce ?? '',
      codeChallengeMethod: request.codeChallengeMethod ?? '',
      authTime: String(Math.floor(now / 1000)),
    },
  });
  // INF (Google's redirects): code, the granted scopes, the account index, the Workspace domain, and which prompt was shown.
  const extra: Record<string, string> = { code: code.value, scope: scopes.join(' '), authuser: '0' };
  if (user.hd) extra['hd'] = user.hd;
  extra['prompt'] = silent ? 'none' : 'consent';
  return redirectWith(request, extra);
}
