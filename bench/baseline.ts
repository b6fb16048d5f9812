// The node:http baseline: parses the same form with URLSearchParams and answers the same token JSON shape.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startBaseline(clientId: string, clientSecret: string): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const ok = form.get('grant_type') === 'client_credentials' && form.get('client_id') === clientId && form.get('client_secret') === clientSecret;
      const json = ok
        ? JSON.stringify({ access_token: (randomUUID() + randomUUID()).replaceAll('-', ''), scope: 'ROLE_INTEGRATION', token_type: 'Bearer', expires_in: 3599 })
        : '{"error":"invalid_client"}';
      res.writeHead(ok ? 200 : 401, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(json),
        'cache-control': 'no-store',
        pragma: 'no-cache',
      });
      res.end(json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
