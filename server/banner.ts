// The start-up table: every host with its local base URL, and the seeded test credentials.
import type { Harness } from '../core/harness.ts';
import type { RunningServer } from './serve.ts';
import { clientView } from './client-view.ts';
import { clientEnvGroups, javaInstructions, shellQuote } from './client-env.ts';

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
    server.exposed
      ? `oauth-doubles listening on ${server.address} — REACHABLE FROM THE NETWORK (locally ${server.url}) (seed ${harness.seed})`
      : `oauth-doubles listening on ${server.url} (seed ${harness.seed})`,
    ...(server.exposed ? ['', exposedWarning(server.address)] : []),
    '',
    'Emulated hosts — swap https://<host> for the local URL, or send the real URL with a Host header to this port:',
    hosts,
    '',
    'Test credentials (fakes generated from the seed):',
    clients,
    '',
    `Admin API: ${server.url}/__admin   (clock, scenarios, journal, inboxes, reset)`,
    '',
    ...proxySection(server),
  ].join('\n');
}

/** How to reach the real https:// URLs unmodified: the proxy variables and the CA, per stack. */
function proxySection(server: RunningServer): string[] {
  if (!server.https) {
    return [
      `Proxy: http_proxy=${server.proxyUrl} answers http:// requests for the emulated hosts (nothing else is ever forwarded).`,
      'Start with --https to serve TLS and intercept https:// URLs (HTTPS_PROXY) with a local CA.',
    ];
  }
  const { caFile, caCreated } = server.https;
  const groups = clientEnvGroups({ proxyUrl: server.proxyUrl, caFile });
  const lines = groups.map((g) => `export ${Object.entries(g.vars).map(([name, value]) => `${name}=${shellQuote(value)}`).join(' ')}`);
  return [
    `HTTPS on the same port: ${server.https.url}/<host>/…, and a proxy for the real https:// URLs (nothing else is ever forwarded).`,
    `CA certificate (${caCreated ? 'made now' : 'kept from an earlier run'}; trust it in test clients only): ${caFile}`,
    'Point an unchanged client at the fakes:',
    ...lines.map((line, i) => `  ${line}   # ${groups[i]!.stack}`),
    ...javaInstructions(caFile, server.proxyUrl).map((line) => `  ${line}`),
  ];
}

/** Said loudly, on the table and on stderr, whenever the server is bound beyond loopback. */
export function exposedWarning(address: string): string {
  return [
    '!!! WARNING: bound to a non-loopback address (' + address + ').',
    '!!! Anyone who can reach this address can use the fake providers and, with the admin token, the admin API.',
    '!!! Bind 127.0.0.1 (the default) unless other machines really need to reach it.',
  ].join('\n');
}
