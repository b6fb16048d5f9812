// seedState: a Workspace customer with an admin and a member who can sign in, a consumer account, and a directory of colleagues.
import type { Faker } from '@faker-js/faker';
import type { ProviderContext } from '../../../core/provider.ts';
import type { GoogleQuirks } from '../quirks.ts';
import { setWorld, type DirectoryUser, type GoogleUser, type GoogleWorld } from './world.ts';

const DAY_MS = 86_400_000;
const DIRECTORY_COLLEAGUES = 8;

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z]+/g, '');

/** Deterministic per seed: every value comes from ctx.random, reseeded before this runs. */
export function seedGoogle(ctx: ProviderContext<GoogleQuirks>): void {
  const random = ctx.random;
  const now = ctx.clock.now();
  const domain = `${slug(random.company.name().split(' ')[0] ?? 'acme') || 'acme'}.example.test`;
  const w: GoogleWorld = {
    domain,
    customerId: `C0${random.string.alphanumeric({ length: 7, casing: 'lower' })}`,
    users: [],
    directory: [],
    consents: new Map(),
    nextId: BigInt(`1${random.string.numeric({ length: 20 })}`),
  };
  const person = (hd: string | null, isAdmin: boolean): GoogleUser => {
    const givenName = random.person.firstName();
    const familyName = random.person.lastName();
    const local = `${slug(givenName)}.${slug(familyName)}`;
    const sub = String(w.nextId++);
    return {
      sub,
      email: `${local}@${hd ?? 'personal.example.test'}`,
      givenName,
      familyName,
      picture: `https://lh3.googleusercontent.com/a/${random.string.alphanumeric(24)}=s96-c`,
      hd,
      isAdmin,
    };
  };
  // The Workspace admin comes first: the consent page and programmatic approvals pick it by default.
  w.users.push(person(domain, true), person(domain, false), person(null, false));
  for (const user of w.users.filter((u) => u.hd === domain)) w.directory.push(directoryEntry(random, user, now));
  for (let i = 0; i < DIRECTORY_COLLEAGUES; i++) w.directory.push(directoryEntry(random, person(domain, false), now));
  setWorld(ctx, w);
}

function directoryEntry(random: Faker, user: GoogleUser, now: number): DirectoryUser {
  const created = now - random.number.int({ min: 30, max: 2000 }) * DAY_MS;
  return {
    id: user.sub,
    primaryEmail: user.email,
    name: { givenName: user.givenName, familyName: user.familyName, fullName: `${user.givenName} ${user.familyName}` },
    isAdmin: user.isAdmin,
    suspended: false,
    orgUnitPath: '/',
    creationTime: new Date(created).toISOString(),
    lastLoginTime: new Date(now - random.number.int({ min: 1, max: 30 }) * DAY_MS).toISOString(),
    changePasswordAtNextLogin: false,
  };
}
