// octorate.single-renewal: operations started together share one /identity/apilogin and one /identity/refresh.
import { singleRenewal } from '../../common/single-renewal.ts';
import { connectAndRead, hotelProperty } from '../hotelier.ts';
import { BASICS, evidenceSince, identityCalls, lines, quirks } from '../judge.ts';
import type { OctorateOperations, OctorateSettings } from '../settings.ts';

const TOGETHER = 4;
const together = (op: (client: OctorateOperations) => Promise<unknown>) => Array.from({ length: TOGETHER }, () => op);

export const singleRenewalCheck = singleRenewal<OctorateSettings, OctorateOperations>({
  id: 'octorate.single-renewal',
  title: 'operations started together share one apilogin and one refresh',
  rule: 'Each /identity/refresh issues a new property token and revokes the ones before it (the strict reading of octorate.md §3), so parallel refreshes invalidate each other’s tokens; every identity call also counts against the application.',
  requires: [...BASICS, 'octorate.refresh-token'],
  setUp: async (t) => (await connectAndRead(t, 'right after connecting')) !== undefined,
  bursts: [
    {
      label: 'with no API-operations token yet',
      operations: () => together((client) => client.configuration()),
      renewals: (t, since) => identityCalls(t, 'apilogin', since),
      renewal: '/identity/apilogin calls',
    },
    {
      label: 'once the property token had expired',
      prepare: (t) => t.advance(quirks(t).accessTokenLifetimeSeconds),
      operations: (t) => together((client) => client.reservations(hotelProperty(t))),
      renewals: (t, since) => identityCalls(t, 'refresh', since),
      renewal: '/identity/refresh calls',
    },
    {
      label: 'once the API-operations token had expired',
      operations: () => together((client) => client.configuration()),
      renewals: (t, since) => identityCalls(t, 'apilogin', since),
      renewal: '/identity/apilogin calls',
    },
  ],
  evidence: (t, since) => evidenceSince(t, since),
  lines: (t, entries) => lines(t, entries),
});
