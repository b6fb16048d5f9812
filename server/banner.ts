// The start-up table: every host with its local base URL, and the seeded test credentials.
import type { Harness } from '../core/harness.ts';
import type { RunningServer } from './serve.ts';
import { clientView } from './client-view.ts';

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

export function banner(harness: Harness, server: RunningServer): string {
  const titles = new Map(harness.providers.map((p) => [p.id, p.title]));
  const hosts = table([
    ['PROVIDER', 'ENV', 'SURFACE', 'REAL URL', 'LOCAL URL'],
    ...harness.hosts.map((h) => [
      titles.get(h.provider) ?? h.provider,
      h.environment,
      h.surface,
      `https://${h.host}${h.entryPath}`,
      `${server.base(h.host)}${h.entryPath}`,
    ]),
  ]);
  const clients = table([
    ['PROVIDER', 'ENV', 'CLIENT_ID', 'CLIENT_SECRET', 'REDIRECT URIS', 'SCOPES'],
    ...harness.clients.list().map(clientView).map((c) => [
      titles.get(c.provider) ?? c.provider,
      c.environment,
      c.clientId,
      c.clientSecret,
      c.redirectUris.join(' ') || '-',
      c.scopes.join(' ') || '-',
    ]),
  ]);
  return [
    `oauth-doubles listening on ${server.url} (seed ${harness.seed})`,
    '',
    'Emulated hosts — swap https://<host> for the local URL, or send the real URL with a Host header to this port:',
    hosts,
    '',
    'Test credentials (fakes generated from the seed):',
    clients,
    '',
    `Admin API: ${server.url}/__admin   (clock, scenarios, journal, inboxes, reset)`,
  ].join('\n');
}
