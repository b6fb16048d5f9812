// seedState: per environment two users, three accounts in two groups, spaces and hubs; the seeded integrations' accounts.
import type { Faker } from '@faker-js/faker';
import type { ProviderContext } from '../../../core/provider.ts';
import type { OchnoEnvironment } from '../hosts.ts';
import type { OchnoQuirks } from '../quirks.ts';
import { setWorld, type Hub, type OchnoWorld } from './world.ts';

/** INF: Ochno's switches have four USB-C/HDMI inputs (the demo's `connected: [0,0,0,1]`). */
export const PORTS = 4;

function fakeHub(random: Faker, accountPrefix: string, spaceId: string, n: number): Hub {
  const serialNumber = `OCH${random.string.numeric(9)}`;
  const customid = `${accountPrefix}-room-${n}`;
  const connected = Array.from({ length: PORTS }, () => (random.datatype.boolean() ? 1 : 0));
  const active = connected.indexOf(1) + 1;
  return {
    id: random.string.uuid(),
    name: `${random.word.adjective()} ${random.helpers.arrayElement(['Boardroom', 'Huddle', 'Studio', 'Lab', 'Lounge'])} ${n}`.replace(/^\w/, (c) => c.toUpperCase()),
    customid,
    hwId: random.string.hexadecimal({ length: 12, casing: 'lower', prefix: '' }),
    serialNumber,
    spaceId: [spaceId],
    data: {
      presence: true,
      firmware: `${random.number.int({ min: 2, max: 4 })}.${random.number.int({ min: 0, max: 9 })}.${random.number.int({ min: 0, max: 30 })}`,
      ip: random.internet.ipv4(),
      hardwareversion: random.helpers.arrayElement(['C1', 'C2', 'D1']),
      product: random.helpers.arrayElement(['Ochno Hub', 'Ochno Switch']),
      customid,
      state: { connected, active },
      config: { defaultport: 1, hdmiceccontrol: random.datatype.boolean(), autoswitchconnect: true, inactivedisabled: false },
      connections: connected.map((c, i) => ({ port: i + 1, type: c ? 'usb-c' : 'none', charging: false, watts: 0 })),
      temperature: random.number.int({ min: 28, max: 42 }),
    },
  };
}

/** Deterministic per seed: every value comes from ctx.random, reseeded before this runs. */
export function seedOchno(ctx: ProviderContext<OchnoQuirks>): void {
  const random = ctx.random;
  const w: OchnoWorld = { users: [], accounts: [], groups: [], spaces: [], hubs: new Map(), integrations: new Map(), subscriptions: new Map(), nextSubscription: 1, revokedFamilies: new Map() };
  for (const environment of ['production', 'stage'] as OchnoEnvironment[]) {
    const company = random.company.name();
    const groupIds = [random.string.uuid(), random.string.uuid()];
    const accountIds: string[] = [];
    for (let a = 0; a < 3; a++) {
      const id = random.string.uuid();
      accountIds.push(id);
      const groupId = groupIds[a === 2 ? 1 : 0]!;
      w.accounts.push({ id, name: `${company} ${random.location.city()}`, groupId, timezone: random.helpers.arrayElement(['Europe/Stockholm', 'Europe/Oslo', 'Europe/London']), environment });
      for (let s = 1; s <= 2; s++) {
        const space = { id: random.string.uuid(), name: `Floor ${s}`, accountId: id, floor: s, capacity: random.number.int({ min: 4, max: 40 }) };
        w.spaces.push(space);
        for (let h = 1; h <= 2; h++) {
          const hub = fakeHub(random, `a${a + 1}`, space.id, (s - 1) * 2 + h);
          w.hubs.set(hub.id, { hub, accountId: id, environment });
        }
      }
    }
    groupIds.forEach((id, i) =>
      w.groups.push({ id, name: i === 0 ? `${company} HQ` : `${company} Regional`, accountIds: w.accounts.filter((a) => a.groupId === id).map((a) => a.id), environment }),
    );
    const domain = company.toLowerCase().replace(/[^a-z]+/g, '') + '.example.test';
    for (let u = 0; u < 2; u++) {
      const first = random.person.firstName();
      const last = random.person.lastName();
      w.users.push({
        id: random.string.uuid(),
        email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]+/g, '') + `@${environment === 'stage' ? 'stage.' : ''}${domain}`,
        name: `${first} ${last}`,
        environment,
        accountIds: u === 0 ? accountIds : [accountIds[2]!],
      });
    }
  }
  // Seeded integrations were created in their environment's first account by its first user.
  for (const client of ctx.clients.list('ochno').filter((c) => c.origin === 'seed')) {
    const owner = w.users.find((u) => u.environment === client.environment)!;
    w.integrations.set(`${client.environment}/${client.clientId}`, { accountId: owner.accountIds[0]!, ownerId: owner.id });
  }
  setWorld(ctx, w);
}
