// Ochno's fake data for one harness: users, accounts, account groups, spaces, hubs and webhook subscriptions, per environment.
import type { ProviderContext } from '../../../core/provider.ts';
import type { OchnoEnvironment } from '../hosts.ts';

export interface OchnoUser {
  id: string;
  email: string;
  name: string;
  environment: OchnoEnvironment;
  /** Accounts the user may authorise an integration for. */
  accountIds: string[];
}

/** INF: the account as GET /api/accounts/v1 lists it. */
export interface Account {
  id: string;
  name: string;
  groupId: string;
  timezone: string;
}

export interface AccountGroup {
  id: string;
  name: string;
  accountIds: string[];
}

export interface Space {
  id: string;
  name: string;
  accountId: string;
  floor: number;
  capacity: number;
}

/** ochno.md "Hub object fields seen in the demo". */
export interface Hub {
  id: string;
  name: string;
  customid: string;
  hwId: string;
  serialNumber: string;
  spaceId: string[];
  data: {
    presence: boolean;
    firmware: string;
    ip: string;
    hardwareversion: string;
    product: string;
    customid: string;
    state: { connected: number[]; active: number };
    config: { defaultport: number; hdmiceccontrol: boolean; autoswitchconnect: boolean; inactivedisabled: boolean };
    connections: Array<{ port: number; type: string; charging: boolean; watts: number }>;
    temperature: number;
  };
}

export interface Subscription {
  id: string;
  environment: OchnoEnvironment;
  clientId: string;
  accountId: string;
  events: string[];
  webhookUrl: string;
  /** A secret: never journaled, never in the delivery log. */
  verificationToken: string;
  createdAt: number;
  expiresAt: number;
}

export interface OchnoWorld {
  users: OchnoUser[];
  accounts: Array<Account & { environment: OchnoEnvironment }>;
  groups: Array<AccountGroup & { environment: OchnoEnvironment }>;
  spaces: Space[];
  /** Hubs by id; each belongs to one account. */
  hubs: Map<string, { hub: Hub; accountId: string; environment: OchnoEnvironment }>;
  /** The account each integration was created in (seeded ones; others get their environment's first account). */
  integrations: Map<string, { accountId: string; ownerId: string }>;
  subscriptions: Map<string, Subscription>;
  nextSubscription: number;
  /** Token families revoked for reuse of a spent refresh token, with the reason told to the client. */
  revokedFamilies: Map<string, string>;
}

const WORLD = 'world';

export function world(ctx: ProviderContext<any>): OchnoWorld {
  const found = ctx.state.get(WORLD) as OchnoWorld | undefined;
  if (!found) throw new Error('Ochno state was not seeded for this harness.');
  return found;
}

export const setWorld = (ctx: ProviderContext<any>, value: OchnoWorld): void => {
  ctx.state.set(WORLD, value);
};

/** The account an integration works in, and the user who created it. */
export function integrationOf(w: OchnoWorld, environment: string, clientId: string): { accountId: string; ownerId: string } {
  const known = w.integrations.get(`${environment}/${clientId}`);
  if (known) return known;
  const account = w.accounts.find((a) => a.environment === environment)!;
  const owner = w.users.find((u) => u.environment === environment && u.accountIds.includes(account.id))!;
  return { accountId: account.id, ownerId: owner.id };
}

export const hubsOf = (w: OchnoWorld, accountId: string): Hub[] => [...w.hubs.values()].filter((h) => h.accountId === accountId).map((h) => h.hub);
