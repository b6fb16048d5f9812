// `startServer({ https })`: the local CA on disk, a leaf per emulated host by SNI, TLS and plain HTTP on one port.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type PeerCertificate } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../index.ts';
import { banner } from '../../server/banner.ts';
import { startServer, type RunningServer } from '../../server/serve.ts';
import { defaultCaDir } from '../../server/tls/ca-dir.ts';
import { loadOrCreateCa } from '../../server/tls/ca.ts';
import { accessToken, ONEIO, receiverRequest } from '../support/oneio.ts';

const caDir = join(mkdtempSync(join(tmpdir(), 'oauth-doubles-ca-')), 'ca');
const harness = createHarness({ seed: 5 });
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ harness, port: 0, https: { caDir } });
});
afterAll(() => server.close());

/** A TLS handshake with the CA as the only trusted root; resolves with what the client saw. */
function handshake(servername: string | undefined, alpn?: string[]): Promise<{ authorized: boolean; error?: string; cert: PeerCertificate; alpn: string | false | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port, servername, ca: readFileSync(server.https!.caFile), rejectUnauthorized: false, ALPNProtocols: alpn });
    socket.once('secureConnect', () => {
      const verifyError = socket.authorizationError;
      resolve({ authorized: socket.authorized, error: verifyError ? String(verifyError) : undefined, cert: socket.getPeerCertificate(), alpn: socket.alpnProtocol });
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('the local CA', () => {
  it('is made on first use in the directory given, its private key readable by the user only', () => {
    expect(server.https).toMatchObject({ caDir, caFile: join(caDir, 'ca.pem'), caCreated: true, url: `https://127.0.0.1:${server.port}` });
    expect(statSync(join(caDir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(caDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(server.https!.caFile, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----\n[^]+-----END CERTIFICATE-----\n$/);
    expect(readFileSync(server.https!.caFile, 'utf8')).not.toContain('PRIVATE KEY');
  });

  it('is kept between runs: a second server trusts the same CA file', async () => {
    const before = readFileSync(server.https!.caFile, 'utf8');
    const again = await startServer({ harness: createHarness({ seed: 6 }), port: 0, https: { caDir } });
    try {
      expect(again.https!.caCreated).toBe(false);
      expect(readFileSync(again.https!.caFile, 'utf8')).toBe(before);
    } finally {
      await again.close();
    }
  });

  it('is made once when two servers start on a fresh directory at the same time', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'oauth-doubles-ca-race-')), 'ca');
    const [a, b] = await Promise.all([loadOrCreateCa(dir), loadOrCreateCa(dir)]);
    expect(a.certPem).toBe(b.certPem);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
  });

  it('refuses a damaged CA with the directory to delete, instead of replacing a CA clients already trust', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oauth-doubles-ca-bad-'));
    writeFileSync(join(dir, 'ca-key.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n', { mode: 0o600 });
    await expect(loadOrCreateCa(dir)).rejects.toThrow(`The CA in ${join(dir, 'ca-key.pem')} is unusable`);
  });

  it('lives by default under $XDG_DATA_HOME, else ~/.local/share', () => {
    expect(defaultCaDir({ XDG_DATA_HOME: '/data' })).toBe('/data/oauth-doubles/ca');
    expect(defaultCaDir({ XDG_DATA_HOME: 'relative' })).toMatch(/\.local\/share\/oauth-doubles\/ca$/);
  });
});

describe('TLS on the same port', () => {
  it('gives each emulated host its own leaf by SNI, signed by the CA', async () => {
    for (const host of harness.hosts.map((h) => h.host)) {
      const seen = await handshake(host);
      expect(seen, host).toMatchObject({ authorized: true, error: undefined });
      expect(seen.cert.subjectaltname).toBe(`DNS:${host}`);
    }
  });

  it('answers localhost and 127.0.0.1 (no SNI) with the server\'s own leaf', async () => {
    const local = await handshake('localhost');
    expect(local.authorized).toBe(true);
    expect(local.cert.subjectaltname).toContain('IP Address:127.0.0.1');
    const byIp = await handshake(undefined);
    expect(byIp.authorized).toBe(true);
    expect(byIp.cert.subjectaltname).toContain('DNS:localhost');
  });

  it('gives a name nobody emulates no certificate of its own: the client sees the mismatch', async () => {
    const other = await handshake('example.com');
    expect(other.cert.subjectaltname).not.toContain('example.com');
  });

  it('offers HTTP/1.1 only by ALPN', async () => {
    expect((await handshake('api.octorate.com', ['h2', 'http/1.1'])).alpn).toBe('http/1.1');
  });

  it('serves the same harness over TLS and plain HTTP: a token got over one works over the other', async () => {
    const dispatcher = new Agent({ connect: { ca: readFileSync(server.https!.caFile) } });
    const tlsFetch = (request: Request) => undiciFetch(request.url, { method: request.method, headers: request.headers, body: request.body, duplex: 'half', dispatcher } as never) as unknown as Promise<Response>;
    const token = await accessToken(tlsFetch, `${server.https!.url}/`, ONEIO.qaToken, harness.credentials('oneio', 'qa'));
    expect((await fetch(receiverRequest(`${server.url}/`, ONEIO.qaReceiver, token))).status).toBe(200);
    expect(harness.journal.entries({ surface: 'token' }).at(-1)).toMatchObject({ status: 200 });
    await dispatcher.close();
  });
});

describe('the banner with https', () => {
  it('prints the CA file and the variables of each stack, and the Java keytool line', () => {
    const text = banner(harness, server);
    const ca = server.https!.caFile;
    for (const line of [
      `CA certificate (made now; trust it in test clients only): ${ca}`,
      `HTTPS_PROXY=${server.url}`,
      `NODE_EXTRA_CA_CERTS=${ca}`,
      `SSL_CERT_FILE=${ca}`,
      `REQUESTS_CA_BUNDLE=${ca}`,
      `CURL_CA_BUNDLE=${ca}`,
      `keytool -importcert -noprompt -alias oauth-doubles -file ${ca}`,
      `-Dhttps.proxyPort=${server.port}`,
    ]) {
      expect(text).toContain(line);
    }
  });
});
