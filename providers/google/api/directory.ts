// admin.googleapis.com: Admin SDK Directory API users — list, get and insert — for a Workspace admin's token with the right scope.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { DoubleError } from '../../../core/errors.ts';
import { mediaType } from '../../../core/form.ts';
import type { HarnessEnv, ProviderContext } from '../../../core/provider.ts';
import { methodNotAllowed } from '../../../core/routes.ts';
import { DIRECTORY_USER_READONLY_SCOPE, DIRECTORY_USER_SCOPE } from '../data/scopes.ts';
import { findUser, world, type DirectoryUser, type GoogleWorld } from '../data/world.ts';
import { DIRECTORY_USERS_PATH } from '../hosts.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { bearerToken } from './bearer.ts';

type Ctx = ProviderContext<GoogleQuirks>;

const etag = (value: unknown): string => `"${createHash('sha1').update(JSON.stringify(value)).digest('base64url')}"`;

/** DOC: the user resource as the Directory API returns it. */
function resource(w: GoogleWorld, u: DirectoryUser): Record<string, unknown> {
  const body = {
    kind: 'admin#directory#user',
    id: u.id,
    primaryEmail: u.primaryEmail,
    name: u.name,
    isAdmin: u.isAdmin,
    isDelegatedAdmin: false,
    lastLoginTime: u.lastLoginTime,
    creationTime: u.creationTime,
    agreedToTerms: true,
    suspended: u.suspended,
    archived: false,
    changePasswordAtNextLogin: u.changePasswordAtNextLogin,
    ipWhitelisted: false,
    emails: [{ address: u.primaryEmail, primary: true }],
    customerId: w.customerId,
    orgUnitPath: u.orgUnitPath,
    isMailboxSetup: true,
    isEnrolledIn2Sv: false,
    isEnforcedIn2Sv: false,
    includeInGlobalAddressList: true,
  };
  return { ...body, etag: etag(body) };
}

const NOT_AUTHORIZED = 'Not Authorized to access this resource/api';

/** DOC: the token needs one of `scopes`; its account must be a Workspace admin of the customer. */
function authorize(ctx: Ctx, c: Context<HarnessEnv>, scopes: string[]): GoogleWorld {
  const token = bearerToken(ctx, c);
  if (!scopes.some((s) => token.scopes.includes(s))) {
    throw new DoubleError('insufficient_scope', 'Request had insufficient authentication scopes.', { providerType: 'insufficientPermissions' });
  }
  const w = world(ctx);
  const user = findUser(w, token.subject['sub'] ?? '');
  if (!user || !user.isAdmin || user.hd !== w.domain) throw new DoubleError('access_denied', NOT_AUTHORIZED, { providerType: 'forbidden' });
  return w;
}

const badRequest = (message: string, field?: string): DoubleError =>
  new DoubleError('invalid_request', message, { providerType: 'invalid', ...(field ? { field } : {}) });

function intQuery(c: Context<HarnessEnv>, name: string, min: number, max: number, fallback: number): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw badRequest(`Invalid value '${raw}'. Values must be within the range: [${min}, ${max}]`, name);
  return n;
}

export function directoryRoutes(ctx: Ctx): Hono<HarnessEnv> {
  const app = new Hono<HarnessEnv>();
  const READ = [DIRECTORY_USER_SCOPE, DIRECTORY_USER_READONLY_SCOPE];

  app.get(DIRECTORY_USERS_PATH, (c) => {
    const w = authorize(ctx, c, READ);
    const customer = c.req.query('customer');
    const domain = c.req.query('domain');
    // DOC: one of customer (`my_customer` or the id) or domain is required.
    if (customer === undefined && domain === undefined) throw new DoubleError('invalid_request', 'Bad Request', { providerType: 'badRequest' });
    if ((customer !== undefined && customer !== 'my_customer' && customer !== w.customerId) || (domain !== undefined && domain.toLowerCase() !== w.domain)) {
      throw new DoubleError('access_denied', NOT_AUTHORIZED, { providerType: 'forbidden' });
    }
    const max = intQuery(c, 'maxResults', 1, 500, 100);
    const token = c.req.query('pageToken');
    const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^offset:/, ''));
    if (!Number.isInteger(start) || start < 0 || start > w.directory.length) throw badRequest('Invalid page token', 'pageToken');
    const orderBy = c.req.query('orderBy');
    if (orderBy !== undefined && !['email', 'givenName', 'familyName'].includes(orderBy)) throw badRequest(`Invalid value for orderBy: ${orderBy}`, 'orderBy');
    const key = (u: DirectoryUser): string => (orderBy === 'givenName' ? u.name.givenName : orderBy === 'familyName' ? u.name.familyName : u.primaryEmail);
    const sorted = orderBy === undefined ? w.directory : [...w.directory].sort((a, b) => key(a).localeCompare(key(b)));
    if (c.req.query('sortOrder') === 'DESCENDING') sorted.reverse();
    const users = sorted.slice(start, start + max).map((u) => resource(w, u));
    const body: Record<string, unknown> = { kind: 'admin#directory#users', etag: etag(users.map((u) => u['etag'])), users };
    if (start + max < sorted.length) body['nextPageToken'] = Buffer.from(`offset:${start + max}`).toString('base64url');
    return c.json(body);
  });

  app.post(DIRECTORY_USERS_PATH, (c) => {
    const w = authorize(ctx, c, [DIRECTORY_USER_SCOPE]);
    if (mediaType(c.req.header('content-type')) !== 'application/json') throw new DoubleError('invalid_request', 'Parse Error', { providerType: 'parseError' });
    let body: unknown;
    try {
      body = JSON.parse(c.get('bodyText'));
    } catch {
      throw new DoubleError('invalid_request', 'Parse Error', { providerType: 'parseError' });
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new DoubleError('invalid_request', 'Parse Error', { providerType: 'parseError' });
    const input = body as Record<string, unknown>;
    const name = (input['name'] ?? {}) as Record<string, unknown>;
    const email = typeof input['primaryEmail'] === 'string' ? input['primaryEmail'].trim().toLowerCase() : '';
    // DOC: primaryEmail, name.givenName, name.familyName and password are required; Google's texts.
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw badRequest('Invalid Input: primary_user_email', 'primaryEmail');
    if (email.split('@')[1] !== w.domain) throw badRequest('Domain not found.', 'primaryEmail');
    if (typeof name['givenName'] !== 'string' || !name['givenName'].trim()) throw badRequest('Invalid Given/Family Name: GivenName', 'name.givenName');
    if (typeof name['familyName'] !== 'string' || !name['familyName'].trim()) throw badRequest('Invalid Given/Family Name: FamilyName', 'name.familyName');
    const password = input['password'];
    if (typeof password !== 'string' || password.length < 8 || password.length > 100) throw badRequest('Invalid Password', 'password');
    if (w.directory.some((u) => u.primaryEmail === email)) throw new DoubleError('invalid_request', 'Entity already exists.', { status: 409, providerType: 'duplicate' });
    if (w.directory.length >= ctx.quirks.directoryUserLimit) throw new DoubleError('access_denied', 'Domain user limit reached.', { providerType: 'limitExceeded' });
    const now = new Date(ctx.clock.now()).toISOString();
    const user: DirectoryUser = {
      id: String(w.nextId++),
      primaryEmail: email,
      name: { givenName: name['givenName'], familyName: name['familyName'], fullName: `${name['givenName']} ${name['familyName']}` },
      isAdmin: false,
      suspended: input['suspended'] === true,
      orgUnitPath: typeof input['orgUnitPath'] === 'string' ? input['orgUnitPath'] : '/',
      creationTime: now,
      lastLoginTime: '1970-01-01T00:00:00.000Z',
      changePasswordAtNextLogin: input['changePasswordAtNextLogin'] === true,
    };
    w.directory.push(user);
    return c.json(resource(w, user));
  });
  app.all(DIRECTORY_USERS_PATH, methodNotAllowed(['GET', 'POST']));

  app.get(`${DIRECTORY_USERS_PATH}/:userKey`, (c) => {
    const w = authorize(ctx, c, READ);
    const key = c.req.param('userKey').toLowerCase();
    const user = w.directory.find((u) => u.id === key || u.primaryEmail === key);
    if (!user) throw new DoubleError('not_found', 'Resource Not Found: userKey', { providerType: 'notFound' });
    return c.json(resource(w, user));
  });
  app.all(`${DIRECTORY_USERS_PATH}/:userKey`, methodNotAllowed(['GET']));
  return app;
}
