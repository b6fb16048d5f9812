// ONEiO's token resource: client credentials in a form body, a one-hour Bearer token, no refresh token.
import { Hono, type Context } from 'hono';
import { DoubleError } from '../../core/errors.ts';
import { field, parseForm } from '../../core/form.ts';
import { basicAuth, reworded, UNENCODED_SECRET_HINT, unencodedSecret } from '../../core/form-hints.ts';
import type { HarnessEnv, HostDefinition, ProviderContext } from '../../core/provider.ts';
import { opaqueToken } from '../../core/random.ts';
import { methodNotAllowed } from '../../core/routes.ts';
import type { OneioQuirks } from './quirks.ts';

const TOKEN_FIELDS = ['grant_type', 'client_id', 'client_secret'] as const;

export function tokenRoutes(ctx: ProviderContext<OneioQuirks>, host: HostDefinition): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();
  const signingKey = new TextEncoder().encode(ctx.random.string.alphanumeric(48));

  app.post('/oauth2/token', async (c) => {
    try {
      return await issueToken(c);
    } catch (error) {
      throw explained(error, c.get('bodyText'), c.req.header('authorization'));
    }
  });

  /** A refusal re-worded where the request shows a common mistake: the fix, and no piece of the secret. */
  function explained(error: unknown, body: string, authorization: string | undefined): unknown {
    const secrets = ctx.clients.list('oneio', host.environment).map((client) => client.clientSecret);
    if (unencodedSecret(body, secrets)) return reworded(error, `ONEiO could not read the form as sent. ${UNENCODED_SECRET_HINT}`);
    if (basicAuth(authorization) && error instanceof DoubleError && error.code === 'invalid_request') {
      return reworded(error, `${error.message} ONEiO takes the endpoint user's username and password as the form fields client_id and client_secret, not in an Authorization: Basic header.`);
    }
    return error;
  }

  async function issueToken(c: Context<HarnessEnv>): Promise<Response> {
    // DOC (seed 001, "Setup"): x-www-form-urlencoded with grant_type, client_id and client_secret.
    const fields = parseForm(c.req.header('content-type'), c.get('bodyText'), {
      required: TOKEN_FIELDS,
      rejectUnknown: ctx.quirks.rejectUnknownTokenFields,
      who: 'ONEiO',
    });
    // DOC: "The value of the grant_type is always client_credentials."
    if (field(fields, 'grant_type') !== 'client_credentials') {
      throw new DoubleError('unsupported_grant_type', `ONEiO supports only grant_type=client_credentials.`, { field: 'grant_type' });
    }
    const clientId = field(fields, 'client_id');
    const client = ctx.clients.authenticate('oneio', host.environment, clientId, field(fields, 'client_secret'));
    if (!client) {
      // INF: QA and PROD are separate worlds; credentials of one are unknown to the other.
      const other = ctx.clients.elsewhere('oneio', host.environment, clientId);
      throw new DoubleError(
        'invalid_client',
        other
          ? `Client authentication failed: "${clientId}" is not an endpoint user of ${host.environment.toUpperCase()} (it belongs to ${other.environment.toUpperCase()}).`
          : 'Client authentication failed: unknown client_id or wrong client_secret.',
      );
    }

    const now = ctx.clock.nowSeconds();
    const lifetime = ctx.quirks.tokenLifetimeSeconds;
    const value =
      ctx.quirks.tokenFormat === 'jwt'
        ? // Numeric iat/exp from the injected clock: jose's string durations would read the real clock.
          // jose only for this quirk, loaded on first use: the default opaque tokens keep it off the start path.
          await new (await import('jose')).SignJWT({ scope: ctx.quirks.scope })
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setIssuer(`https://${host.host}`)
            .setSubject(client.clientId)
            .setJti(ctx.random.string.uuid())
            .setIssuedAt(now)
            .setExpirationTime(now + lifetime)
            .sign(signingKey)
        : opaqueToken(ctx.random, 64);
    ctx.tokens.issue({
      value,
      kind: 'access',
      provider: 'oneio',
      environment: host.environment,
      clientId: client.clientId,
      scopes: [ctx.quirks.scope],
      issuedAt: now * 1000,
      expiresAt: (now + lifetime) * 1000,
    });
    // DOC: the documented response, in the documented key order; no refresh_token (RFC 6749 §4.4.3).
    // RFC 6749 §5.1: token responses are not to be cached.
    return c.json(
      { access_token: value, scope: ctx.quirks.scope, token_type: 'Bearer', expires_in: lifetime },
      200,
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }
  app.all('/oauth2/token', methodNotAllowed(['POST']));
  return app;
}
